using System.Text.Json.Nodes;
using TechLead.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TechLead.Tests.Provisioning;

/// <summary>
/// `azd up` wires Entra ID and Key Vault itself: the bash hooks in infra/hooks, run against stand-ins for az and azd
/// that answer like the documented CLI and Microsoft Graph, create what is missing once and nothing on a second run.
/// Each case runs the bash hooks, and the PowerShell twins azd runs on Windows too when pwsh is on PATH
/// (`dotnet tool install --tool-path ... PowerShell`); without pwsh only azure.yaml's reference to them is checked.
/// </summary>
public sealed class AzdHooksTests
{
    private static readonly JsonNode ReviewerRole =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "dashboard-app-roles.json")))!.AsArray().Single()!;

    private static readonly string RoleId = ReviewerRole["id"]!.GetValue<string>();

    private static string[] Writes(string calls) =>
        calls.Split('\n').Where(c => c.Contains(" create ", StringComparison.Ordinal) || c.Contains(" update ", StringComparison.Ordinal)
            || c.Contains("secret set", StringComparison.Ordinal) || c.Contains("--method POST", StringComparison.Ordinal)
            || c.StartsWith("azd env set", StringComparison.Ordinal)).ToArray();

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task A_first_azd_up_creates_the_registration_its_reviewer_role_your_assignment_and_the_webhook_secret(string shell)
    {
        using var azd = new HookSandbox(shell);
        var run = await azd.UpAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        var app = Assert.Single(azd.Entities("apps"))!;
        var appId = app["appId"]!.GetValue<string>();
        Assert.Equal("TechLead dashboard (payments)", app["displayName"]!.GetValue<string>());
        Assert.Equal("AzureADMyOrg", app["signInAudience"]!.GetValue<string>());
        Assert.Equal([$"api://{appId}"], app["identifierUris"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.True(app["web"]!["implicitGrantSettings"]!["enableIdTokenIssuance"]!.GetValue<bool>());
        Assert.Equal([$"https://{HookSandbox.HostName}/.auth/login/aad/callback"], app["web"]!["redirectUris"]!.AsArray().Select(u => u!.GetValue<string>()));
        var role = Assert.Single(app["appRoles"]!.AsArray())!;
        Assert.Equal(RoleId, role["id"]!.GetValue<string>());
        Assert.Equal("Reviewer", role["value"]!.GetValue<string>());

        var principal = Assert.Single(azd.Entities("sps"))!;
        Assert.Equal(appId, principal["appId"]!.GetValue<string>());
        var assignment = Assert.Single(azd.Entities("assignments"))!;
        Assert.Equal(HookSandbox.UserId, assignment["principalId"]!.GetValue<string>());
        Assert.Equal(principal["id"]!.GetValue<string>(), assignment["resourceId"]!.GetValue<string>());
        Assert.Equal(RoleId, assignment["appRoleId"]!.GetValue<string>());

        // Bicep's dashboardClientId comes from here: sign-in (and with it the dashboard) is on by default.
        Assert.Equal(appId, azd.EnvValue("DASHBOARD_CLIENT_ID"));
        Assert.Matches("^[0-9a-f]{64}$", azd.Secret("github-webhook-secret"));
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task A_second_azd_up_creates_updates_and_sets_nothing(string shell)
    {
        using var azd = new HookSandbox(shell);
        Assert.True((await azd.UpAsync()).ExitCode == 0);
        var secret = azd.Secret("github-webhook-secret");

        var second = await azd.UpAsync();

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Empty(Writes(second.Calls));
        Assert.Contains("az keyvault secret show", second.Calls, StringComparison.Ordinal);
        Assert.Single(azd.Entities("apps"));
        Assert.Single(azd.Entities("assignments"));
        Assert.Equal(secret, azd.Secret("github-webhook-secret"));
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task The_webhook_secret_never_reaches_a_command_line_the_screen_or_the_azd_environment(string shell)
    {
        using var azd = new HookSandbox(shell);
        var run = await azd.UpAsync();

        var secret = azd.Secret("github-webhook-secret")!;
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain(secret, run.Calls, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(azd.State, "azd.env")), StringComparison.Ordinal);
        // The file handed to `az keyvault secret set --file` is gone once the hook ends.
        var set = Assert.Single(run.Calls.Split('\n'), c => c.Contains("secret set", StringComparison.Ordinal));
        var file = set.Split(' ')[Array.IndexOf(set.Split(' '), "--file") + 1];
        Assert.False(File.Exists(file), file);
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task Dashboard_sign_in_false_leaves_entra_id_alone_and_the_dashboard_off_but_still_makes_the_webhook_secret(string shell)
    {
        using var azd = new HookSandbox(shell);
        azd.SetEnv("DASHBOARD_SIGN_IN", "false");

        var run = await azd.UpAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("az ad ", run.Calls, StringComparison.Ordinal);
        Assert.DoesNotContain("az rest", run.Calls, StringComparison.Ordinal);
        Assert.Empty(azd.Entities("apps"));
        Assert.Null(azd.EnvValue("DASHBOARD_CLIENT_ID"));
        Assert.Contains("dashboard, review and feedback routes stay off", run.Output, StringComparison.Ordinal);
        Assert.NotNull(azd.Secret("github-webhook-secret"));
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task A_registration_made_by_hand_is_completed_not_duplicated(string shell)
    {
        using var azd = new HookSandbox(shell);
        const string appId = "0d3c8a51-6b2e-4c3f-9a7d-5e1f2b3c4d5e";
        azd.Seed("apps", [new JsonObject
        {
            ["id"] = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", ["appId"] = appId, ["displayName"] = "Our dashboard",
            ["signInAudience"] = "AzureADMyOrg", ["identifierUris"] = new JsonArray(), ["appRoles"] = new JsonArray(),
            ["web"] = new JsonObject
            {
                ["redirectUris"] = new JsonArray("https://dashboard.contoso.example/.auth/login/aad/callback"),
                ["implicitGrantSettings"] = new JsonObject { ["enableAccessTokenIssuance"] = false, ["enableIdTokenIssuance"] = false },
            },
        }]);
        azd.SetEnv("DASHBOARD_CLIENT_ID", appId);

        var run = await azd.UpAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("az ad app create", run.Calls, StringComparison.Ordinal);
        var app = Assert.Single(azd.Entities("apps"))!;
        Assert.Equal("Our dashboard", app["displayName"]!.GetValue<string>());
        Assert.Equal([$"api://{appId}"], app["identifierUris"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.True(app["web"]!["implicitGrantSettings"]!["enableIdTokenIssuance"]!.GetValue<bool>());
        // The redirect URI already there is kept next to the app's own.
        Assert.Equal(
            ["https://dashboard.contoso.example/.auth/login/aad/callback", $"https://{HookSandbox.HostName}/.auth/login/aad/callback"],
            app["web"]!["redirectUris"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal("Reviewer", Assert.Single(app["appRoles"]!.AsArray())!["value"]!.GetValue<string>());
        Assert.DoesNotContain("azd env set", run.Calls, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task A_client_id_that_is_no_registration_stops_with_the_setting_named(string shell)
    {
        using var azd = new HookSandbox(shell);
        azd.SetEnv("DASHBOARD_CLIENT_ID", "11111111-2222-3333-4444-555555555555");

        var run = await azd.UpAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("DASHBOARD_CLIENT_ID=11111111-2222-3333-4444-555555555555 is not an app registration", run.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(run.Calls));
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task A_misspelt_sign_in_switch_stops_before_anything_is_created(string shell)
    {
        using var azd = new HookSandbox(shell);
        azd.SetEnv("DASHBOARD_SIGN_IN", "no");

        var run = await azd.UpAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("DASHBOARD_SIGN_IN must be true or false, not 'no'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("az ", run.Calls, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HookSandbox.Shells), MemberType = typeof(HookSandbox))]
    public async Task A_pipeline_signed_in_as_a_service_principal_gets_the_registration_but_assigns_nobody(string shell)
    {
        using var azd = new HookSandbox(shell);
        azd.SignInAsServicePrincipal();

        var run = await azd.UpAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Single(azd.Entities("apps"));
        Assert.Empty(azd.Entities("assignments"));
        Assert.Contains("assign the Reviewer role to people in Enterprise applications", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preprovision")]
    [InlineData("postprovision")]
    public void Azd_runs_the_bash_hook_on_linux_and_macos_and_the_powershell_twin_on_windows(string hook)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, "azure.yaml")))
        {
            yaml.Load(reader);
        }

        var entry = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["hooks"])[hook];
        foreach (var (platform, shell, script) in new[] { ("posix", "sh", $"infra/hooks/{hook}.sh"), ("windows", "pwsh", $"infra/hooks/{hook}.ps1") })
        {
            var config = (YamlMappingNode)entry[platform];
            Assert.Equal(shell, ((YamlScalarNode)config["shell"]).Value);
            Assert.Equal(script, ((YamlScalarNode)config["run"]).Value);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, script)), script);
        }
    }
}
