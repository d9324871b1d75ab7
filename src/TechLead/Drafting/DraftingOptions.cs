using System.Globalization;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Drafting;

/// <summary>
/// The language model behind every draft and the rules around it. Without <see cref="Endpoint"/> nothing is sent
/// anywhere: the offline drafter writes template drafts, labelled as such.
/// </summary>
public sealed class DraftingOptions
{
    public const string Section = "Drafting";

    /// <summary>Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com. Empty: offline drafting.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model deployment name in that resource (not the model name).</summary>
    public string Deployment { get; set; } = "";

    /// <summary>Optional API key. Without it the app signs in with DefaultAzureCredential (managed identity in Azure).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model behind the deployment; only used to pick the tokenizer that estimates input tokens.</summary>
    public string TokenizerModel { get; set; } = "gpt-4o";

    /// <summary>Upper bound on the answer of one call (for reasoning models, reasoning included), sent as max_completion_tokens.</summary>
    public int MaxOutputTokens { get; set; } = 2000;

    /// <summary>
    /// Send the cap as the older max_tokens. gpt-5-family and o-series deployments reject max_tokens; only deployments
    /// of older models on older API versions that do not know max_completion_tokens need this.
    /// </summary>
    public bool UseMaxTokens { get; set; }

    /// <summary>Upper bound on the input of one call; long inputs (a 50-PR release) are split into several calls.</summary>
    public int MaxInputTokensPerCall { get; set; } = 6000;

    /// <summary>Upper bound on the items of one call (release-note entries), which also bounds each answer's length.</summary>
    public int MaxItemsPerCall { get; set; } = 20;

    /// <summary>Retries of one call inside the client (429, 5xx, timeouts), each waiting what the service asked for.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest Retry-After the client waits for inside one run; a longer one ends the call and the next run retries.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Runs of ProcessDrafts that try one draft before it waits for a person (<c>drafts retry</c>).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First wait after a failed attempt; doubles per attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Days a draft (and its texts) is kept; afterwards only a tombstone remains, so the input is never drafted again.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// Further hosts a draft may link to, e.g. your Jira (yourteam.atlassian.net). The host of
    /// <see cref="GitHubWebUrl"/> is always allowed; links to any other host are removed from drafts.
    /// </summary>
    public List<string> LinkHosts { get; set; } = [];

    /// <summary>Web address of GitHub used for PR links in drafts (GitHub Enterprise: https://github.example.com).</summary>
    public Uri GitHubWebUrl { get; set; } = new("https://github.com");

    public IReadOnlyList<string> AllowedLinkHosts =>
        [.. LinkHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()).Prepend(GitHubWebUrl.IsAbsoluteUri ? GitHubWebUrl.Host : "github.com").Distinct(StringComparer.OrdinalIgnoreCase)];

    public bool IsConfigured => Endpoint is not null;
}

internal sealed class DraftingOptionsValidator : IValidateOptions<DraftingOptions>
{
    public ValidateOptionsResult Validate(string? name, DraftingOptions options)
    {
        var problems = new SettingProblems();
        if (options.Endpoint is not null)
        {
            if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttps && !options.Endpoint.IsLoopback))
            {
                problems.Add("Drafting:Endpoint", $"is '{options.Endpoint}', which is not an https address", "Drafting:Endpoint=https://my-resource.openai.azure.com");
            }

            if (string.IsNullOrWhiteSpace(options.Deployment))
            {
                problems.Add("Drafting:Deployment", "is empty although Drafting:Endpoint is set", "Drafting:Deployment=gpt-4o-mini");
            }
        }

        InRange(problems, "MaxOutputTokens", options.MaxOutputTokens, 100, 16_000, 2000);
        InRange(problems, "MaxInputTokensPerCall", options.MaxInputTokensPerCall, 1000, 120_000, 6000);
        InRange(problems, "MaxItemsPerCall", options.MaxItemsPerCall, 1, 200, 20);
        InRange(problems, "MaxRetries", options.MaxRetries, 0, 10, 3);
        InRange(problems, "MaxAttempts", options.MaxAttempts, 1, 50, 5);
        InRange(problems, "RetentionDays", options.RetentionDays, 1, 3650, 90);

        if (options.RetryBackoff <= TimeSpan.Zero)
        {
            problems.Add("Drafting:RetryBackoff", "must be positive", "Drafting:RetryBackoff=00:05:00");
        }

        for (var i = 0; i < options.LinkHosts.Count; i++)
        {
            if (Uri.CheckHostName(options.LinkHosts[i]?.Trim()) is UriHostNameType.Unknown)
            {
                problems.Add($"Drafting:LinkHosts:{i}", $"is '{options.LinkHosts[i]}', which is not a host name (no scheme or path)", $"Drafting:LinkHosts:{i}=yourteam.atlassian.net");
            }
        }

        if (!options.GitHubWebUrl.IsAbsoluteUri)
        {
            problems.Add("Drafting:GitHubWebUrl", "must be an absolute address", "Drafting:GitHubWebUrl=https://github.com");
        }

        return problems.ToResult();
    }

    private static void InRange(SettingProblems problems, string key, int value, int min, int max, int example)
    {
        if (value < min || value > max)
        {
            problems.Add($"{DraftingOptions.Section}:{key}", string.Create(CultureInfo.InvariantCulture, $"is {value}; use {min} to {max}"),
                string.Create(CultureInfo.InvariantCulture, $"{DraftingOptions.Section}:{key}={example}"));
        }
    }
}
