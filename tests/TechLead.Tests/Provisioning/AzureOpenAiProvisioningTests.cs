using System.Text.Json.Nodes;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Provisioning;

/// <summary>
/// DRAFTING_PROVISION=true gives drafting its own Azure OpenAI account, reached keyless by the Function App's identity;
/// false (the default) provisions none. Read from the templates as the real Bicep compiler builds them.
/// </summary>
public sealed class AzureOpenAiProvisioningTests
{
    private const string CognitiveServicesOpenAiUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";

    private static async Task<JsonObject> CompileAsync(params string[] path)
    {
        var compiled = await Bicep.BuildAsync(Path.Combine([RepoPaths.Root, "infra", .. path]));
        Assert.True(compiled.ExitCode == 0 && compiled.Diagnostics.Length == 0, compiled.Diagnostics);
        return compiled.Template.AsObject();
    }

    private static JsonNode Module(JsonObject template, string name) =>
        template["resources"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name)!;

    private static JsonNode Parameter(JsonNode module, string name)
    {
        var value = module["properties"]!["parameters"]![name]!;
        return value is JsonObject o && o.ContainsKey("value") ? o["value"]! : value;
    }

    [Fact]
    public async Task The_account_is_deployed_exactly_when_drafting_provision_is_true_and_not_by_default()
    {
        var main = await CompileAsync("main.bicep");

        Assert.Equal("[parameters('draftingProvision')]", Module(main, "openai")["condition"]!.GetValue<string>());
        Assert.False(main["parameters"]!["draftingProvision"]!["defaultValue"]!.GetValue<bool>());
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${DRAFTING_PROVISION=false}", parameters["draftingProvision"]!["value"]!.GetValue<string>());
        Assert.Equal("${DRAFTING_MODEL=gpt-4.1-mini}", parameters["draftingModel"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_account_has_no_keys_and_one_global_standard_deployment_of_the_chosen_model()
    {
        var openai = await CompileAsync("app", "openai.bicep");
        var resources = openai["resources"]!.AsArray();

        var account = resources.Single(r => r!["type"]!.GetValue<string>() == "Microsoft.CognitiveServices/accounts")!;
        Assert.Equal("OpenAI", account["kind"]!.GetValue<string>());
        Assert.True(account["properties"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.Equal("[parameters('name')]", account["properties"]!["customSubDomainName"]!.GetValue<string>());
        var deployment = resources.Single(r => r!["type"]!.GetValue<string>() == "Microsoft.CognitiveServices/accounts/deployments")!;
        Assert.Equal("GlobalStandard", deployment["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("[parameters('modelName')]", deployment["properties"]!["model"]!["name"]!.GetValue<string>());
        Assert.Equal("[parameters('modelVersion')]", deployment["properties"]!["model"]!["version"]!.GetValue<string>());

        var main = await CompileAsync("main.bicep");
        Assert.Equal("gpt-4.1-mini", main["parameters"]!["draftingModel"]!["defaultValue"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", main["parameters"]!["draftingModelVersion"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_function_apps_identity_gets_openai_user_on_the_account_and_the_app_settings_point_at_it()
    {
        var main = await CompileAsync("main.bicep");
        var rbac = Module(main, "rbac");
        var function = Module(main, "function");

        // The principal granted is the Function App's own identity, the one drafting signs in with.
        Assert.Contains("'function'", Parameter(rbac, "appPrincipalId").GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", Parameter(rbac, "appPrincipalId").GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'openai'", Parameter(rbac, "openAiAccountName").GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("[if(parameters('draftingProvision')", Parameter(function, "draftingEndpoint").GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(".outputs.endpoint.value", Parameter(function, "draftingEndpoint").GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(".outputs.deploymentName.value", Parameter(function, "draftingDeployment").GetValue<string>(), StringComparison.Ordinal);

        var template = rbac["properties"]!["template"]!;
        Assert.Equal(CognitiveServicesOpenAiUser, template["variables"]!["roles"]!["cognitiveServicesOpenAiUser"]!.GetValue<string>());
        var grant = template["resources"]!.AsArray().Single(r => r!["properties"]!["roleDefinitionId"]!.GetValue<string>().Contains("cognitiveServicesOpenAiUser", StringComparison.Ordinal))!;
        Assert.Equal("[parameters('appPrincipalId')]", grant["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", grant["properties"]!["principalType"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.CognitiveServices/accounts', parameters('openAiAccountName'))]", grant["scope"]!.GetValue<string>());
        Assert.Equal("[not(empty(parameters('openAiAccountName')))]", grant["condition"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_app_reads_the_endpoint_and_deployment_from_the_settings_the_template_sets()
    {
        var settings = await Functions.SettingsCoverageTests.BicepAppSettingsAsync();

        Assert.Equal("[parameters('draftingEndpoint')]", settings[$"{TechLead.Drafting.DraftingOptions.Section}__{nameof(TechLead.Drafting.DraftingOptions.Endpoint)}"]);
        Assert.Equal("[parameters('draftingDeployment')]", settings[$"{TechLead.Drafting.DraftingOptions.Section}__{nameof(TechLead.Drafting.DraftingOptions.Deployment)}"]);
    }
}
