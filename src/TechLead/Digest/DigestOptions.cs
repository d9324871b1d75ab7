using System.Net.Mail;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Digest;

public sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>Who receives the weekly digest (the tech lead, the team list).</summary>
    public List<string> Recipients { get; set; } = [];

    public string From { get; set; } = "TechLead digest <digest@techlead.local>";

    /// <summary>Where each digest is also written as an HTML file.</summary>
    public string OutputDirectory { get; set; } = "out/digests";
}

internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var problems = new SettingProblems();
        if (options.Recipients.Count == 0)
        {
            problems.Add("Digest:Recipients", "is empty; the digest needs at least one recipient", "Digest:Recipients:0=lead@example.com");
        }

        for (var i = 0; i < options.Recipients.Count; i++)
        {
            if (!MailAddress.TryCreate(options.Recipients[i], out _))
            {
                problems.Add($"Digest:Recipients:{i}", $"is '{options.Recipients[i]}', which is not an e-mail address", $"Digest:Recipients:{i}=lead@example.com");
            }
        }

        if (!MailAddress.TryCreate(options.From, out _))
        {
            problems.Add("Digest:From", $"is '{options.From}', which is not an e-mail address", "Digest:From=TechLead digest <digest@example.com>");
        }

        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            problems.Add("Digest:OutputDirectory", "is empty", "Digest:OutputDirectory=out/digests");
        }

        return problems.ToResult();
    }
}
