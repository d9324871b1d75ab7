using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Webhooks;

/// <summary>Settings of the GitHub webhook endpoint (section <c>GitHub</c>, shared with the sync settings).</summary>
public sealed class WebhookOptions
{
    public const string Section = "GitHub";

    /// <summary>The secret GitHub signs deliveries with. Without it the endpoint refuses every delivery (fail closed).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>During a rotation: the secret being replaced, still accepted until GitHub uses the new one.</summary>
    public string? WebhookPreviousSecret { get; set; }

    /// <summary>Largest body accepted; GitHub caps payloads at 25 MB, ours are far smaller.</summary>
    public int WebhookMaxBodyBytes { get; set; } = 5 * 1024 * 1024;

    public IEnumerable<string> Secrets =>
        new[] { WebhookSecret, WebhookPreviousSecret }.Where(s => !string.IsNullOrEmpty(s)).Cast<string>();
}

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var problems = new SettingProblems();
        if (options.WebhookMaxBodyBytes is < 1024 or > 25 * 1024 * 1024)
        {
            problems.Add("GitHub:WebhookMaxBodyBytes", $"is {options.WebhookMaxBodyBytes}; it must be between 1024 and 26214400 (GitHub's 25 MB cap)", "GitHub:WebhookMaxBodyBytes=5242880");
        }

        if (options.WebhookSecret is { Length: > 0 and < 16 })
        {
            problems.Add("GitHub:WebhookSecret", "is shorter than 16 characters; use a long random secret", "GitHub:WebhookSecret=$(openssl rand -hex 32)");
        }

        return problems.ToResult();
    }
}
