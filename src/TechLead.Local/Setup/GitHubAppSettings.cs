using Microsoft.Extensions.Configuration;
using TechLead.Hosting;

namespace TechLead.Local.Setup;

/// <summary>Where the App is created and what it must be able to do, read from the local settings (not the full start-up).</summary>
internal sealed record GitHubAppSettings(Uri WebUrl, Uri ApiUrl, Uri? WebhookUrl, bool WriteDraftRelease)
{
    public const string DefaultWebUrl = "https://github.com";

    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>
    /// Reads GitHub:WebUrl, GitHub:ApiUrl, the webhook address (GITHUB_WEBHOOK_URL, as <c>azd up</c> prints it, or
    /// GitHub:WebhookUrl) and ReleaseNotes:WriteDraftRelease. Only these: setting up the App must work while the
    /// App settings it is about to store are still missing, which the full start-up validation refuses.
    /// </summary>
    public static GitHubAppSettings Read(IConfiguration configuration, out SettingProblems problems)
    {
        problems = new SettingProblems();
        var web = Url(configuration, "GitHub:WebUrl", DefaultWebUrl, "https://github.example.com", problems);
        var api = Url(configuration, "GitHub:ApiUrl", DefaultApiUrl, "https://github.example.com/api/v3", problems);
        Uri? webhook = null;
        var webhookSetting = string.IsNullOrWhiteSpace(configuration["GITHUB_WEBHOOK_URL"]) ? "GitHub:WebhookUrl" : "GITHUB_WEBHOOK_URL";
        if (!string.IsNullOrWhiteSpace(configuration[webhookSetting]))
        {
            webhook = Url(configuration, webhookSetting, "", "https://func-payments.azurewebsites.net/api/github/webhook", problems);
        }

        var draftText = configuration["ReleaseNotes:WriteDraftRelease"];
        var drafts = false;
        if (!string.IsNullOrWhiteSpace(draftText) && !bool.TryParse(draftText, out drafts))
        {
            problems.Add("ReleaseNotes:WriteDraftRelease", $"is '{draftText}', which is not true or false", "ReleaseNotes:WriteDraftRelease=false");
        }

        return new GitHubAppSettings(web ?? new Uri(DefaultWebUrl), api ?? new Uri(DefaultApiUrl), webhook, drafts);
    }

    /// <summary>An absolute http(s) URL, or null after naming the setting in <paramref name="problems"/>.</summary>
    public static Uri? Url(IConfiguration configuration, string setting, string fallback, string example, SettingProblems problems)
    {
        var text = configuration[setting];
        text = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        problems.Add(setting, $"is '{text}', which is not an absolute http(s) URL", $"{setting}={example}");
        return null;
    }

    /// <summary>The REST root with a trailing slash, so relative paths keep a GHES /api/v3 prefix.</summary>
    public Uri ApiBase => ApiUrl.AbsolutePath.EndsWith('/') ? ApiUrl : new Uri(ApiUrl.GetLeftPart(UriPartial.Path) + "/");

    /// <summary>A page of the GitHub web UI (github.com, or the GHES host), e.g. <c>settings/apps/new</c>.</summary>
    public Uri Web(string relative) => new(new Uri(WebUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"), relative);
}
