using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using TechLead.GitHub;

namespace TechLead.Doctor;

/// <summary>
/// GitHub, through Octokit over the sync's own handlers (token or App, the configured API URL): the credentials
/// (<c>GET /rate_limit</c>, which also says what is left), each repository readable, and each resource the sync reads
/// (a 403 names the missing permission in <c>X-Accepted-GitHub-Permissions</c>, a classic token's scopes are in
/// <c>X-OAuth-Scopes</c>); for an App, the installation's permissions and the webhook's recent deliveries.
/// </summary>
internal sealed class GitHubConnection(
    GitHubSessionFactory sessions,
    GitHubAppTokenProvider app,
    IHttpMessageHandlerFactory handlers,
    IOptions<GitHubOptions> options) : IDoctorCheck
{
    /// <summary>What the sync reads per repository, and the fine-grained permission each needs (GitHub's permission names).</summary>
    private static readonly (string Path, string Permission)[] Reads =
    [
        ("pulls", "pull_requests"), ("issues", "issues"), ("releases", "contents"), ("deployments", "deployments"), ("actions/runs", "actions"),
    ];

    public string Name => "GitHub";

    public bool IsConfigured => options.Value.IsConfigured;

    public string NotConfigured => "not configured (GitHub:Repositories is empty)";

    private string CredentialSetting => options.Value.UsesApp ? "GitHub:AppId, GitHub:InstallationId, GitHub:PrivateKey" : "GitHub:Token";

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var session = sessions.Create();
        var client = new GitHubClient(session.Rest.Connection);
        var results = new List<DoctorResult>();
        var credentials = await CredentialsAsync(client);
        results.Add(credentials);
        if (credentials.Status == DoctorStatus.Failed)
        {
            // Every other request would fail the same way: one line says it.
            return results;
        }

        for (var i = 0; i < settings.Repositories.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(settings.Repositories[i]))
            {
                results.Add(await RepositoryAsync(client, session.Rest.Connection, settings.Repositories[i].Trim(), i, cancellationToken));
            }
        }

        if (settings.UsesApp)
        {
            results.AddRange(await AppAsync(settings, cancellationToken));
        }
        else
        {
            results.Add(DoctorResult.Skipped(Name, "webhook deliveries", "read with a GitHub App only (GET /app/hook/deliveries); with a token, see the repository's Settings > Webhooks > Recent Deliveries"));
        }

        return results;
    }

    private async Task<DoctorResult> CredentialsAsync(GitHubClient client)
    {
        var kind = options.Value.UsesApp ? $"GitHub App {options.Value.AppId}, installation {options.Value.InstallationId}" : "token";
        try
        {
            var limits = await client.RateLimit.GetRateLimits();
            var core = limits.Resources.Core;
            var detail = string.Create(CultureInfo.InvariantCulture, $"{kind} accepted at {options.Value.ApiBaseUri.Host}; rate limit {core.Remaining} of {core.Limit} left until {core.Reset:HH:mm} UTC");
            return core.Remaining == 0
                ? DoctorResult.Failed(Name, "credentials", detail + ": used up", null, "Wait for the reset, or give the sync its own token or App (each has its own limit).")
                : DoctorResult.Ok(Name, "credentials", detail);
        }
        catch (AuthorizationException e)
        {
            return DoctorResult.Failed(Name, "credentials", $"GitHub refused the {kind} (401 {e.Message})", CredentialSetting,
                options.Value.UsesApp
                    ? "Check the App ID, the installation id and that the private key belongs to this App (the App's settings page)."
                    : "Create a new token with read access to the repositories and set GitHub:Token (an expired or revoked token answers 401).");
        }
        catch (GitHubAuthenticationException e)
        {
            // The App's installation token could not be issued; the message names the settings, never the key.
            return DoctorResult.Failed(Name, "credentials", e.Message, CredentialSetting, "Correct the App settings named above.");
        }
    }

    private async Task<DoctorResult> RepositoryAsync(GitHubClient client, IConnection connection, string fullName, int index, CancellationToken cancellationToken)
    {
        var setting = $"GitHub:Repositories:{index}";
        var parts = fullName.Split('/');
        Repository repository;
        try
        {
            repository = await client.Repository.Get(parts[0], parts[1]);
        }
        catch (NotFoundException)
        {
            return DoctorResult.Failed(Name, fullName, $"not found, or not visible to the {(options.Value.UsesApp ? "App's installation" : "token")} (GitHub answers 404 for both)", setting,
                options.Value.UsesApp
                    ? "Correct the name, or add the repository to the App's installation (the installation's Repository access)."
                    : "Correct the name, or give the token access to this repository (a fine-grained token lists its repositories).");
        }
        catch (ApiException e) when (e is not AuthorizationException)
        {
            return Refused(fullName, e, "metadata");
        }

        var scopes = client.GetLastApiInfo()?.OauthScopes;
        if (scopes is { Count: > 0 } && repository.Private && !scopes.Contains("repo", StringComparer.OrdinalIgnoreCase))
        {
            return DoctorResult.Failed(Name, fullName, $"private, and the classic token's scopes ({string.Join(", ", scopes)}) do not include repo", "GitHub:Token",
                "Give the classic token the repo scope, or use a fine-grained token with read access to this repository.");
        }

        var missing = new List<string>();
        foreach (var (path, permission) in Reads)
        {
            try
            {
                await connection.GetRaw(new Uri($"repos/{parts[0]}/{parts[1]}/{path}", UriKind.Relative), new Dictionary<string, string> { ["per_page"] = "1" });
            }
            catch (ForbiddenException e) when (e is not RateLimitExceededException)
            {
                missing.Add(AcceptedPermissions(e) ?? $"{permission}=read");
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        var access = scopes is { Count: > 0 } ? $"classic token, scopes: {string.Join(", ", scopes)}" : options.Value.UsesApp ? "App installation" : "fine-grained token";
        return missing.Count == 0
            ? DoctorResult.Ok(Name, fullName, $"readable ({access}): pull requests, issues, releases, deployments, workflow runs")
            : DoctorResult.Failed(Name, fullName, $"GitHub refused a read (403): missing permission {string.Join(", ", missing)}", CredentialSetting,
                options.Value.UsesApp
                    ? $"Grant the App {string.Join(", ", missing)} (the App's Permissions), then approve the change on the installation."
                    : $"Give the token {string.Join(", ", missing)} (a fine-grained token's Repository permissions), or set GitHub:Token to one that has it.");
    }

    private DoctorResult Refused(string subject, ApiException e, string permission) =>
        DoctorResult.Failed(Name, subject, $"GitHub refused the read ({(int)e.StatusCode} {e.Message})", CredentialSetting,
            $"Give the {(options.Value.UsesApp ? "App" : "token")} {AcceptedPermissions(e) ?? permission + "=read"}.");

    /// <summary>What GitHub says the endpoint needs, for fine-grained tokens and Apps: "actions=read" (sets separated by ';').</summary>
    private static string? AcceptedPermissions(ApiException e) =>
        e.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, "X-Accepted-GitHub-Permissions", StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value
            ? value.Trim()
            : null;

    /// <summary>The App's own view, signed with its JWT: the installation's permissions and the webhook's recent deliveries.</summary>
    private async Task<IReadOnlyList<DoctorResult>> AppAsync(GitHubOptions settings, CancellationToken cancellationToken)
    {
        string jwt;
        try
        {
            jwt = await app.AppJwtAsync(cancellationToken);
        }
        catch (GitHubAuthenticationException e)
        {
            return [DoctorResult.Failed(Name, "GitHub App", e.Message, CredentialSetting, "Correct the App settings named above.")];
        }

        using var http = new HttpClientAdapter(() => handlers.CreateHandler(GitHubComposition.HttpClientName));
        var connection = new Connection(GitHubComposition.ProductHeader, settings.ApiBaseUri,
            new InMemoryCredentialStore(new Credentials(jwt, AuthenticationType.Bearer)), http, new SimpleJsonSerializer());
        var results = new List<DoctorResult>();
        try
        {
            var installation = await connection.GetRaw(new Uri($"app/installations/{settings.InstallationId}", UriKind.Relative), null);
            using var json = JsonDocument.Parse(installation.Body);
            var granted = json.RootElement.TryGetProperty("permissions", out var permissions) && permissions.ValueKind == JsonValueKind.Object
                ? permissions.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
                : [];
            var missing = Reads.Select(r => r.Permission).Append("metadata").Distinct().Where(p => !granted.ContainsKey(p)).Select(p => $"{p}=read").ToList();
            results.Add(missing.Count == 0
                ? DoctorResult.Ok(Name, "App permissions", string.Join(", ", granted.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))
                : DoctorResult.Failed(Name, "App permissions", $"the installation lacks {string.Join(", ", missing)}", "GitHub:InstallationId",
                    $"Grant the App {string.Join(", ", missing)} (the App's Permissions), then approve the change on installation {settings.InstallationId}."));
        }
        catch (ApiException e)
        {
            results.Add(DoctorResult.Failed(Name, "App permissions", $"GET /app/installations/{settings.InstallationId} answered {(int)e.StatusCode} ({e.Message})", "GitHub:AppId, GitHub:InstallationId",
                "Check that the installation belongs to this App."));
        }

        results.Add(await DeliveriesAsync(connection));
        return results;
    }

    private async Task<DoctorResult> DeliveriesAsync(Connection connection)
    {
        const string Subject = "webhook deliveries";
        try
        {
            var answer = await connection.GetRaw(new Uri("app/hook/deliveries", UriKind.Relative), new Dictionary<string, string> { ["per_page"] = "50" });
            using var json = JsonDocument.Parse(answer.Body);
            var deliveries = json.RootElement.EnumerateArray().Select(d => (
                    Status: d.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : 0,
                    At: d.TryGetProperty("delivered_at", out var at) && at.TryGetDateTimeOffset(out var when) ? when : DateTimeOffset.MinValue,
                    Event: d.TryGetProperty("event", out var name) ? name.GetString() ?? "" : ""))
                .OrderByDescending(d => d.At).ToList();
            if (deliveries.Count == 0)
            {
                return DoctorResult.Ok(Name, Subject, "none recent (GitHub lists the App webhook's recent deliveries)");
            }

            var failed = deliveries.Where(d => d.Status is < 200 or > 299).ToList();
            var summary = string.Create(CultureInfo.InvariantCulture, $"{deliveries.Count - failed.Count} of {deliveries.Count} recent deliveries accepted");
            if (failed.Count == 0 || deliveries[0].Status is >= 200 and <= 299)
            {
                return DoctorResult.Ok(Name, Subject, failed.Count == 0 ? summary : $"{summary}; the latest was accepted");
            }

            var latest = failed[0];
            var status = latest.Status == 0 ? "no answer" : latest.Status.ToString(CultureInfo.InvariantCulture);
            return latest.Status == 401
                ? DoctorResult.Failed(Name, Subject, $"{summary}; the latest ({latest.Event}, {latest.At:u}) was refused 401: the signature did not match", "GitHub:WebhookSecret",
                    "Set the same secret in the App's webhook settings and in GitHub:WebhookSecret.")
                : DoctorResult.Failed(Name, Subject, $"{summary}; the latest ({latest.Event}, {latest.At:u}) failed: {status}", null,
                    "Check the App's webhook URL (azd up prints GITHUB_WEBHOOK_URL) and redeliver the failed deliveries from the App's Advanced settings.");
        }
        catch (ApiException e)
        {
            return DoctorResult.Failed(Name, Subject, $"GET /app/hook/deliveries answered {(int)e.StatusCode} ({e.Message})", "GitHub:AppId", "Check that the App has a webhook and that GitHub:AppId names it.");
        }
    }
}
