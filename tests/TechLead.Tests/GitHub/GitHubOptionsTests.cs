using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TechLead.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

public sealed class GitHubOptionsTests
{
    [Theory]
    [InlineData("https://api.github.com", null, "https://api.github.com/graphql")]
    [InlineData("https://api.github.com/", null, "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", null, "https://ghe.example.com/api/graphql")]
    [InlineData("https://ghe.example.com/api/v3/", null, "https://ghe.example.com/api/graphql")]
    [InlineData("https://api.octo.ghe.com", null, "https://api.octo.ghe.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", "https://graphql.example.com/graphql", "https://graphql.example.com/graphql")]
    public void The_GraphQL_endpoint_is_derived_from_the_API_URL_unless_set(string apiUrl, string? graphQlUrl, string expected)
    {
        var options = new GitHubOptions { ApiUrl = apiUrl, GraphQlUrl = graphQlUrl };

        Assert.Equal(new Uri(expected), options.GraphQlEndpoint);
        Assert.EndsWith("/", options.ApiBaseUri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_repositories_GitHub_is_not_configured_and_needs_no_token()
    {
        var result = Validate(new GitHubOptions());

        Assert.True(result.Succeeded);
        Assert.False(new GitHubOptions().IsConfigured);
    }

    [Fact]
    public void Repositories_without_a_token_or_App_name_the_setting_and_its_environment_variable()
    {
        var result = Validate(new GitHubOptions { Repositories = ["octo-org/payments-api"] });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Setting 'GitHub:Token'", failure, StringComparison.Ordinal);
        Assert.Contains("GitHub__Token", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once_by_name()
    {
        var result = Validate(new GitHubOptions
        {
            ApiUrl = "api.github.com",
            Token = "t",
            Repositories = ["octo-org/payments-api", "payments-api", "a/b/c"],
            BackfillWeeks = 0,
            DeploymentEnvironmentPattern = "prod(",
            TimeBudget = TimeSpan.FromSeconds(5),
        });

        var failures = string.Join('\n', result.Failures!);
        foreach (var setting in new[] { "GitHub:ApiUrl", "GitHub:Repositories:1", "GitHub:Repositories:2", "GitHub:BackfillWeeks", "GitHub:DeploymentEnvironmentPattern", "GitHub:TimeBudget" })
        {
            Assert.Contains($"Setting '{setting}'", failures, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("GitHub:Repositories:0", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_and_App_settings_together_are_refused()
    {
        var result = Validate(new GitHubOptions { Repositories = ["octo-org/payments-api"], Token = "t", AppId = 1 });

        Assert.Contains(result.Failures!, f => f.Contains("GitHub:Token", StringComparison.Ordinal) && f.Contains("set one or the other", StringComparison.Ordinal));
    }

    [Fact]
    public void An_incomplete_App_names_what_is_missing_and_never_echoes_the_private_key()
    {
        const string secret = "-----BEGIN RSA PRIVATE KEY-----\nTOP-SECRET-NOT-A-KEY\n-----END RSA PRIVATE KEY-----";
        var result = Validate(new GitHubOptions { Repositories = ["octo-org/payments-api"], AppId = 123, PrivateKey = secret });

        var failures = string.Join('\n', result.Failures!);
        Assert.Contains("Setting 'GitHub:InstallationId'", failures, StringComparison.Ordinal);
        Assert.Contains("Setting 'GitHub:PrivateKey' is not a PEM RSA private key", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_App_with_a_key_passes_and_a_Key_Vault_reference_must_be_a_secret_URL()
    {
        using var rsa = RSA.Create(2048);
        var withKey = new GitHubOptions { Repositories = ["octo-org/payments-api"], AppId = 123, InstallationId = 456, PrivateKey = rsa.ExportRSAPrivateKeyPem() };
        var withBadVault = new GitHubOptions { Repositories = ["octo-org/payments-api"], AppId = 123, InstallationId = 456, PrivateKeySecretUri = "https://my-vault.vault.azure.net/keys/k" };

        Assert.True(Validate(withKey).Succeeded);
        Assert.Contains(Validate(withBadVault).Failures!, f => f.Contains("GitHub:PrivateKeySecretUri", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_GitHub_setting_stops_the_host_at_start_up()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Team:Name"] = "Test team",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Digest:Recipients:0"] = "lead@example.com",
            ["Smtp:Host"] = "127.0.0.1",
            ["GitHub:Repositories:0"] = "not a repository",
            ["GitHub:Token"] = "t",
        };

        var error = Assert.Throws<OptionsValidationException>(() => TestHost.Build(settings).Dispose());

        Assert.Contains(error.Failures, f => f.Contains("GitHub:Repositories:0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_environment_pattern_matches_production_like_names_only()
    {
        var pattern = new GitHubOptions().DeploymentEnvironments;

        Assert.All(new[] { "production", "Production", "prod", "prod-eu", "production_us", "prd", "live" }, e => Assert.Matches(pattern, e));
        Assert.All(new[] { "staging", "preprod", "qa", "dev", "github-pages", "productive" }, e => Assert.DoesNotMatch(pattern, e));
    }

    private static ValidateOptionsResult Validate(GitHubOptions options) => new GitHubOptionsValidator().Validate(null, options);
}
