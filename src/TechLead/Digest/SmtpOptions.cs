using System.Diagnostics.CodeAnalysis;
using MailKit.Security;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Digest;

internal sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    /// <summary>A secret: comes from Key Vault or the environment, and never reaches a log line.</summary>
    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Sends the user name and password even when the connection is not encrypted (Security=None, or STARTTLS was not
    /// offered). Off by default: anyone on the path could read the password. Only for a relay on this machine.
    /// </summary>
    public bool AllowPlainTextAuth { get; set; }

    /// <summary>Credentials are set and would be sent; the send refuses them over an unencrypted connection unless allowed.</summary>
    [MemberNotNullWhen(true, nameof(UserName))]
    public bool Authenticates => !string.IsNullOrEmpty(UserName);

    public override string ToString() => $"{Host}:{Port}";
}

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            problems.Add("Smtp:Host", "is required", "Smtp:Host=smtp.azurecomm.net");
        }

        if (options.Port is < 1 or > 65535)
        {
            problems.Add("Smtp:Port", $"is {options.Port}; it must be a TCP port (1-65535)", "Smtp:Port=587");
        }

        if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            problems.Add("Smtp:Password", "is empty while Smtp:UserName is set", "Smtp:Password=@Microsoft.KeyVault(SecretUri=...)");
        }

        if (options.Authenticates && options.Security == SecureSocketOptions.None && !options.AllowPlainTextAuth)
        {
            problems.Add("Smtp:Security", "is None while Smtp:UserName is set, so the password would cross the network unencrypted; use StartTls or SslOnConnect, or set Smtp:AllowPlainTextAuth=true for a relay on this machine", "Smtp:Security=StartTls");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            problems.Add("Smtp:TimeoutSeconds", $"is {options.TimeoutSeconds}; it must be between 1 and 600", "Smtp:TimeoutSeconds=30");
        }

        return problems.ToResult();
    }
}
