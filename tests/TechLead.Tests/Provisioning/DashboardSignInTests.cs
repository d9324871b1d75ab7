using System.Text.Json.Nodes;
using TechLead.Access;
using TechLead.Tests.Functions;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Provisioning;

/// <summary>
/// No deployment path opens the dashboard without sign-in: read from the compiled templates, the dashboard's routes
/// are on exactly when App Service Authentication is deployed, and that authentication lets nobody in unsigned.
/// </summary>
public sealed class DashboardSignInTests
{
    private static async Task<JsonObject> CompileAsync(params string[] path)
    {
        var compiled = await Bicep.BuildAsync(Path.Combine([RepoPaths.Root, "infra", .. path]));
        Assert.True(compiled.ExitCode == 0, compiled.Diagnostics);
        return compiled.Template.AsObject();
    }

    private static JsonNode Module(JsonObject template, string name) =>
        template["resources"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name)!;

    [Fact]
    public async Task The_dashboard_is_switched_on_by_exactly_the_condition_that_deploys_app_service_authentication()
    {
        var main = await CompileAsync("main.bicep");
        var auth = Module(main, "auth");
        var function = Module(main, "function");

        var signIn = function["properties"]!["parameters"]!["dashboardSignIn"]!["value"]!.GetValue<string>();
        var condition = auth["condition"]?.GetValue<string>();

        Assert.Equal("[not(empty(parameters('dashboardClientId')))]", condition);
        Assert.Equal(condition, signIn);
        // The client id defaults to empty: a default deployment has no sign-in, so its dashboard is off.
        Assert.Equal("", main["parameters"]!["dashboardClientId"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_app_setting_follows_the_sign_in_parameter_and_nothing_else()
    {
        var settings = await SettingsCoverageTests.BicepAppSettingsAsync();

        Assert.Equal("[if(parameters('dashboardSignIn'), 'true', 'false')]", settings["Dashboard__Enabled"]);
    }

    [Fact]
    public async Task The_deployed_app_asks_for_the_platforms_sign_in_whatever_variables_the_plan_sets()
    {
        // Flex Consumption sets no WEBSITE_INSTANCE_ID: the mode is written down, not guessed from the environment.
        var settings = await SettingsCoverageTests.BicepAppSettingsAsync();

        Assert.Equal(AccessMode.AppService, settings["Dashboard__Authentication"]);
    }

    [Fact]
    public async Task App_service_authentication_requires_sign_in_everywhere_but_the_webhook_and_health()
    {
        var auth = await CompileAsync("app", "auth.bicep");
        var config = auth["resources"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Web/sites/config")!;
        var validation = config["properties"]!["globalValidation"]!;

        Assert.True(config["properties"]!["platform"]!["enabled"]!.GetValue<bool>());
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal(["/api/github/webhook", "/api/health"], validation["excludedPaths"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void The_declared_app_role_is_the_one_the_gate_asks_for()
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "dashboard-app-roles.json")))!.AsArray();

        var reviewer = Assert.Single(roles)!;
        Assert.Equal(AccessGate.ReviewerRole, reviewer["value"]!.GetValue<string>());
        Assert.True(reviewer["isEnabled"]!.GetValue<bool>());
        Assert.Contains("User", reviewer["allowedMemberTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(Guid.TryParse(reviewer["id"]!.GetValue<string>(), out _));
    }
}
