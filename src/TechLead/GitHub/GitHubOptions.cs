using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;

namespace TechLead.GitHub;

/// <summary>
/// Settings of the GitHub sync (section <c>GitHub</c>). Authenticate with a token (<see cref="Token"/>) or as a
/// GitHub App (<see cref="AppId"/>, <see cref="InstallationId"/> and a private key, inline or from Key Vault).
/// </summary>
internal sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>Production-like environment names: production, prod, prd, live, with optional suffixes (prod-eu, production_us).</summary>
    public const string DefaultDeploymentEnvironmentPattern = @"^(production|prod|prd|live)([-_ ./].*)?$";

    /// <summary>REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.</summary>
    public string ApiUrl { get; set; } = DefaultApiUrl;

    /// <summary>GraphQL endpoint; empty means derived from <see cref="ApiUrl"/> (see <see cref="GraphQlEndpoint"/>).</summary>
    public string? GraphQlUrl { get; set; }

    /// <summary>A fine-grained or classic personal access token, or any token GitHub accepts as Bearer.</summary>
    public string? Token { get; set; }

    /// <summary>Repositories to sync, as owner/name.</summary>
    public List<string> Repositories { get; set; } = [];

    public long? AppId { get; set; }

    public long? InstallationId { get; set; }

    /// <summary>The App's private key (PEM). In Azure, an app setting holding a Key Vault reference works too.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A Key Vault secret holding the PEM, e.g. https://my-vault.vault.azure.net/secrets/github-app-key.</summary>
    public string? PrivateKeySecretUri { get; set; }

    /// <summary>How far back the first sync of a repository goes.</summary>
    public int BackfillWeeks { get; set; } = 26;

    /// <summary>Regular expression (case-insensitive) for environments whose deployments count as production.</summary>
    public string DeploymentEnvironmentPattern { get; set; } = DefaultDeploymentEnvironmentPattern;

    /// <summary>
    /// How long one run may take. The sync stops cleanly before it (after storing what it has and moving its
    /// cursors) so the Functions host never kills it mid-write; the next run resumes. Default: 8 minutes, under
    /// the 10-minute functionTimeout in host.json.
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(8);

    public bool IsConfigured => Repositories.Any(r => !string.IsNullOrWhiteSpace(r));

    public bool UsesApp => AppId is not null || InstallationId is not null
        || !string.IsNullOrWhiteSpace(PrivateKey) || !string.IsNullOrWhiteSpace(PrivateKeySecretUri);

    /// <summary>The REST root with a trailing slash, so relative paths keep a GHES /api/v3 prefix.</summary>
    public Uri ApiBaseUri => WithTrailingSlash(new Uri(ApiUrl.Trim(), UriKind.Absolute));

    public Uri GraphQlEndpoint => string.IsNullOrWhiteSpace(GraphQlUrl) ? DeriveGraphQlUrl(ApiBaseUri) : new Uri(GraphQlUrl.Trim(), UriKind.Absolute);

    public IReadOnlyList<RepositoryName> RepositoryNames =>
        Repositories.Where(r => !string.IsNullOrWhiteSpace(r)).Select(RepositoryName.Parse).Distinct().ToList();

    public Regex DeploymentEnvironments =>
        new(DeploymentEnvironmentPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// api.github.com/ -> api.github.com/graphql; GHES https://host/api/v3/ -> https://host/api/graphql;
    /// anything else (api.SUBDOMAIN.ghe.com, a proxy) -> ApiUrl + graphql.
    /// </summary>
    public static Uri DeriveGraphQlUrl(Uri apiBase)
    {
        var root = WithTrailingSlash(apiBase);
        return root.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
            ? new Uri(root, "../graphql")
            : new Uri(root, "graphql");
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/" + uri.Query);
}

internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var problems = new SettingProblems();
        if (!IsHttpUrl(options.ApiUrl))
        {
            problems.Add("GitHub:ApiUrl", $"is '{options.ApiUrl}', which is not an http(s) URL", "GitHub:ApiUrl=https://github.example.com/api/v3");
        }

        if (!string.IsNullOrWhiteSpace(options.GraphQlUrl) && !IsHttpUrl(options.GraphQlUrl))
        {
            problems.Add("GitHub:GraphQlUrl", $"is '{options.GraphQlUrl}', which is not an http(s) URL", "GitHub:GraphQlUrl=https://github.example.com/api/graphql");
        }

        for (var i = 0; i < options.Repositories.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.Repositories[i]) && !RepositoryName.TryParse(options.Repositories[i], out _))
            {
                problems.Add($"GitHub:Repositories:{i}", $"is '{options.Repositories[i]}', which is not owner/name", $"GitHub:Repositories:{i}=octo-org/payments-api");
            }
        }

        if (options.BackfillWeeks is < 1 or > 520)
        {
            problems.Add("GitHub:BackfillWeeks", $"is {options.BackfillWeeks}; it must be between 1 and 520", "GitHub:BackfillWeeks=26");
        }

        if (options.TimeBudget < TimeSpan.FromSeconds(30) || options.TimeBudget > TimeSpan.FromHours(24))
        {
            problems.Add("GitHub:TimeBudget", $"is {options.TimeBudget}; it must be between 00:00:30 and 24:00:00", "GitHub:TimeBudget=00:08:00");
        }

        try
        {
            _ = options.DeploymentEnvironments;
        }
        catch (ArgumentException e)
        {
            problems.Add("GitHub:DeploymentEnvironmentPattern", $"is not a valid regular expression ({e.Message})", $"GitHub:DeploymentEnvironmentPattern={GitHubOptions.DefaultDeploymentEnvironmentPattern}");
        }

        if (options.IsConfigured)
        {
            ValidateAuthentication(options, problems);
        }

        return problems.ToResult();
    }

    private static void ValidateAuthentication(GitHubOptions options, SettingProblems problems)
    {
        var hasToken = !string.IsNullOrWhiteSpace(options.Token);
        if (!hasToken && !options.UsesApp)
        {
            problems.Add("GitHub:Token", "is empty while GitHub:Repositories is set; set a token, or the GitHub App settings GitHub:AppId, GitHub:InstallationId and GitHub:PrivateKey",
                "GitHub:Token=github_pat_...");
            return;
        }

        if (hasToken && options.UsesApp)
        {
            problems.Add("GitHub:Token", "is set together with GitHub App settings (GitHub:AppId, GitHub:InstallationId, GitHub:PrivateKey); set one or the other", "GitHub:Token=");
            return;
        }

        if (hasToken)
        {
            return;
        }

        if (options.AppId is null or <= 0)
        {
            problems.Add("GitHub:AppId", "is required for GitHub App authentication (the App's numeric ID from its settings page)", "GitHub:AppId=123456");
        }

        if (options.InstallationId is null or <= 0)
        {
            problems.Add("GitHub:InstallationId", "is required for GitHub App authentication (the number at the end of the installation's settings URL)", "GitHub:InstallationId=45678901");
        }

        var hasKey = !string.IsNullOrWhiteSpace(options.PrivateKey);
        var hasSecret = !string.IsNullOrWhiteSpace(options.PrivateKeySecretUri);
        if (!hasKey && !hasSecret)
        {
            problems.Add("GitHub:PrivateKey", "is empty and GitHub:PrivateKeySecretUri is not set; the App's private key is required", "GitHub:PrivateKeySecretUri=https://my-vault.vault.azure.net/secrets/github-app-key");
        }
        else if (hasKey && hasSecret)
        {
            problems.Add("GitHub:PrivateKey", "is set together with GitHub:PrivateKeySecretUri; set one or the other", "GitHub:PrivateKey=");
        }
        else if (hasKey && !IsPrivateKey(options.PrivateKey!))
        {
            // Never echo the value: it is a secret.
            problems.Add("GitHub:PrivateKey", "is not a PEM RSA private key (-----BEGIN RSA PRIVATE KEY----- ...)", "GitHub:PrivateKey=-----BEGIN RSA PRIVATE KEY-----\\n...");
        }
        else if (hasSecret && !IsKeyVaultSecret(options.PrivateKeySecretUri!))
        {
            problems.Add("GitHub:PrivateKeySecretUri", $"is '{options.PrivateKeySecretUri}', which is not a Key Vault secret URL", "GitHub:PrivateKeySecretUri=https://my-vault.vault.azure.net/secrets/github-app-key");
        }
    }

    private static bool IsPrivateKey(string pem)
    {
        if (!GitHubAppJwt.TryLoadKey(pem, out var key))
        {
            return false;
        }

        key.Dispose();
        return true;
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsKeyVaultSecret(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && uri.Segments.Length >= 3 && uri.Segments[1].Equals("secrets/", StringComparison.OrdinalIgnoreCase);
}
