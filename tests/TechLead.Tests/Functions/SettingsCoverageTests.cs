using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Tests.Provisioning;
using TechLead.Tests.Infrastructure;
using TechLead.Composition;

namespace TechLead.Tests.Functions;

/// <summary>
/// The deployed app and <c>func start</c> get every setting the app requires: each options class validates, at start-up,
/// with only what infra/app/function.bicep (or local.settings.sample.json) provides; every secret is a Key Vault reference.
/// </summary>
public sealed class SettingsCoverageTests
{
    /// <summary>Settings holding secrets; in Azure each is a Key Vault reference (or empty when the deployment does not use it).</summary>
    private static readonly string[] Secrets =
    [
        "GitHub__Token", "GitHub__PrivateKey", "GitHub__WebhookSecret", "GitHub__WebhookPreviousSecret",
        "Smtp__UserName", "Smtp__Password", "Jira__ApiToken", "Jira__PersonalAccessToken",
        "Team__Chat__TeamsWebhookUrl", "Team__Chat__SlackWebhookUrl",
    ];

    /// <summary>What a deployment passes for the template's parameters and resource references (azd asks for them).</summary>
    private static readonly Dictionary<string, string> DeploymentValues = new()
    {
        ["Team__Name"] = "Payments team",
        ["Team__TimeZone"] = "Europe/Amsterdam",
        ["Storage__TableServiceUri"] = "https://stexample.table.core.windows.net/",
        ["Smtp__Host"] = "smtp.azurecomm.net",
        ["Drafting__UseMaxTokens"] = "false",
        ["Dashboard__Enabled"] = "false",
        ["AzureWebJobsStorage__accountName"] = "stexample",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
    };

    private static Task<Dictionary<string, string>>? _bicep;

    /// <summary>
    /// The app settings infra/app/function.bicep sets, compiled by the real Bicep compiler: the literal values as
    /// written, template expressions (parameters, Key Vault references) as their ARM expression text.
    /// </summary>
    public static Task<Dictionary<string, string>> BicepAppSettingsAsync() => _bicep ??= CompileAsync();

    private static async Task<Dictionary<string, string>> CompileAsync()
    {
        var compiled = await Bicep.BuildAsync(Path.Combine(RepoPaths.Root, "infra", "app", "function.bicep"));
        Assert.True(compiled.ExitCode == 0, compiled.Diagnostics);
        var properties = compiled.Template["resources"]!.AsArray()
            .Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Web/sites/config")!["properties"]!.GetValue<string>();
        // Bicep inlines the settings object as createObject('key', value, ...) inside union(...).
        var start = properties.IndexOf("createObject(", StringComparison.Ordinal) + "createObject(".Length;
        var arguments = TopLevelArguments(properties, start);
        Assert.True(arguments.Count % 2 == 0 && arguments.Count > 0, properties);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i += 2)
        {
            settings[Unquote(arguments[i])] = arguments[i + 1].StartsWith('\'') ? Unquote(arguments[i + 1]) : "[" + arguments[i + 1] + "]";
        }

        return settings;
    }

    /// <summary>The comma-separated arguments of the ARM function call whose argument list starts at <paramref name="start"/>.</summary>
    private static List<string> TopLevelArguments(string expression, int start)
    {
        var arguments = new List<string>();
        var (depth, quoted, from) = (0, false, start);
        for (var i = start; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'')
            {
                quoted = !quoted; // '' inside a string toggles twice: still quoted.
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && (c == ',' || c == ')') && depth == 0)
            {
                arguments.Add(expression[from..i].Trim());
                from = i + 1;
                if (c == ')')
                {
                    break;
                }
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
        }

        return arguments;
    }

    private static string Unquote(string literal) => literal.Trim('\'').Replace("''", "'", StringComparison.Ordinal);

    private static bool IsExpression(string value) => value.StartsWith('[') && value.EndsWith(']');

    [Fact]
    public async Task Every_required_setting_is_provided_by_the_bicep_app_settings()
    {
        var bicep = await BicepAppSettingsAsync();
        var settings = bicep.ToDictionary(
            p => p.Key,
            p => !IsExpression(p.Value) ? p.Value
                : p.Value.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal) ? (p.Key.EndsWith("WebhookUrl", StringComparison.Ordinal) ? "https://hooks.example.com/secret-from-key-vault" : "secret-from-key-vault")
                : DeploymentValues.GetValueOrDefault(p.Key, ""));
        // The list parameters become numbered settings (Digest__Recipients__0, ...).
        settings["Digest__Recipients__0"] = "lead@example.com";
        // What Flex Consumption itself sets on the instance (the template asks for the platform's sign-in there).
        settings["WEBSITE_SKU"] = "FlexConsumption";
        settings["WEBSITE_SITE_NAME"] = "func-example";

        var problems = StartupProblems(settings);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("format('Digest__Recipients__{0}'", (await Bicep.BuildAsync(Path.Combine(RepoPaths.Root, "infra", "app", "function.bicep"))).Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_required_setting_is_provided_by_the_local_settings_sample()
    {
        var problems = StartupProblems(FunctionsApp.SampleSettings.ToDictionary(p => p.Key, p => p.Value));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Without_a_required_setting_the_check_above_names_it()
    {
        var settings = FunctionsApp.SampleSettings.ToDictionary(p => p.Key, p => p.Value);
        settings.Remove("Digest__Recipients__0");

        Assert.Contains(StartupProblems(settings), p => p.Contains("Digest:Recipients", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_secret_is_a_key_vault_reference_in_azure_and_no_other_setting_looks_like_one()
    {
        var bicep = await BicepAppSettingsAsync();

        Assert.All(Secrets, secret =>
        {
            Assert.True(bicep.TryGetValue(secret, out var value), $"infra/app/function.bicep does not set {secret}");
            // format('@Microsoft.KeyVault({0}/name)', variables('secret')), where secret is 'SecretUri=<vault>secrets'.
            Assert.Contains("'@Microsoft.KeyVault({0}/", value, StringComparison.Ordinal);
            Assert.Contains("variables('secret')", value, StringComparison.Ordinal);
        });
        var unlisted = bicep.Keys.Where(k => (k.EndsWith("Token", StringComparison.Ordinal) || k.EndsWith("Secret", StringComparison.Ordinal)
            || k.EndsWith("Password", StringComparison.Ordinal) || k.EndsWith("Key", StringComparison.Ordinal)) && !Secrets.Contains(k));
        Assert.Empty(unlisted);
        Assert.All(Secrets, secret => Assert.True(FunctionsApp.SampleSettings.ContainsKey(secret) || secret is "GitHub__PrivateKey" or "GitHub__WebhookPreviousSecret" or "Smtp__UserName" or "Smtp__Password",
            $"local.settings.sample.json does not list {secret}"));
    }

    [Fact]
    public async Task The_jira_settings_are_optional_parameters_of_the_template()
    {
        var bicep = await BicepAppSettingsAsync();

        foreach (var key in new[] { "Jira__BaseUrl", "Jira__Email", "Jira__ApiToken", "Jira__PersonalAccessToken", "Schedules__SyncJira" })
        {
            Assert.True(bicep.ContainsKey(key), $"infra/app/function.bicep does not set {key}");
            Assert.True(FunctionsApp.SampleSettings.ContainsKey(key), $"local.settings.sample.json does not list {key}");
        }

        Assert.True(FunctionsApp.SampleSettings.ContainsKey("Jira__Projects__0"));
        var main = await Bicep.BuildAsync(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
        var parameters = main.Template["parameters"]!.AsObject();
        Assert.All(new[] { "jiraBaseUrl", "jiraEmail", "jiraProjects" }, p => Assert.Equal("", parameters[p]!["defaultValue"]!.GetValue<string>()));
    }

    /// <summary>The setting problems the app reports at start-up with exactly these settings (environment-variable names).</summary>
    private static List<string> StartupProblems(Dictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value)));
        builder.AddTechLead();
        using var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception e) when (SettingProblems.From(e) is { } problems)
        {
            return [.. problems];
        }
    }
}
