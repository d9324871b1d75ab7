using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Team;

namespace TechLead.Digest;

internal sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>Who receives the weekly digest (the tech lead, the team list).</summary>
    public List<string> Recipients { get; set; } = [];

    public string From { get; set; } = "TechLead digest <digest@techlead.local>";

    /// <summary>Where each digest is also written as an HTML file.</summary>
    public string OutputDirectory { get; set; } = "out/digests";

    /// <summary>The dashboard's address; when set, the digest links each definition there instead of to its glossary.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>Where PR and issue links point (GitHub Enterprise Server: its web address).</summary>
    public string GitHubUrl { get; set; } = "https://github.com";

    /// <summary>The Jira site (https://example.atlassian.net); when set, Jira debt items are linked.</summary>
    public string? JiraUrl { get; set; }

    /// <summary>A claim still "sending" after this many minutes is a crashed run's, and the next run takes it over.</summary>
    public int StaleClaimMinutes { get; set; } = 5;
}

internal sealed class DigestOptionsValidator(IConfiguration configuration) : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var problems = new SettingProblems();
        // Digest:Recipients is the fallback for a team without its own Teams:N:Recipients.
        var withoutOwn = TeamsOptions.Read(configuration).FirstOrDefault(t => !t.Recipients.Any(r => !string.IsNullOrWhiteSpace(r)));
        if (options.Recipients.Count == 0 && withoutOwn is { IsListed: false })
        {
            problems.Add("Digest:Recipients", "is empty; the digest needs at least one recipient", "Digest:Recipients:0=lead@example.com");
        }
        else if (options.Recipients.Count == 0 && withoutOwn is not null)
        {
            problems.Add("Digest:Recipients", $"is empty and team '{withoutOwn.Name}' has no {withoutOwn.Path}:Recipients; set one of the two",
                $"{withoutOwn.Path}:Recipients:0=lead@example.com");
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

        Url(problems, "Digest:DashboardUrl", options.DashboardUrl, "https://techlead.example.com/dashboard");
        Url(problems, "Digest:GitHubUrl", options.GitHubUrl, "https://github.com");
        Url(problems, "Digest:JiraUrl", options.JiraUrl, "https://example.atlassian.net");
        if (options.StaleClaimMinutes is < 1 or > 24 * 60)
        {
            problems.Add("Digest:StaleClaimMinutes", $"is {options.StaleClaimMinutes}; it must be between 1 and 1440", "Digest:StaleClaimMinutes=5");
        }

        return problems.ToResult();
    }

    private static void Url(SettingProblems problems, string setting, string? value, string example)
    {
        if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            problems.Add(setting, $"is '{value}', which is not an http(s) address", $"{setting}={example}");
        }
    }
}
