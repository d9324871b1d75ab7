using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Access;
using TechLead.Local.Commands;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Tests.Functions;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// The Functions app, as each Azure plan and a developer's machine run it: in every Azure plan the mode is the
/// platform's sign-in (forged principal headers are not believed while it is off), under func start only this
/// machine's loopback callers and Host names get in, and anywhere else nobody does.
/// </summary>
public sealed partial class AccessAttackTests
{
    /// <summary>What each plan sets on its instances (the variables the Functions host reads), with no sign-in set up.</summary>
    public static TheoryData<string, string> AzurePlans => new()
    {
        { "App Service (Dedicated, Premium)", "WEBSITE_INSTANCE_ID=2f6c0e1b9a;WEBSITE_SITE_NAME=func-techlead;WEBSITE_SKU=PremiumV3" },
        { "Linux Consumption", "CONTAINER_NAME=func-techlead-7f9c2b" },
        { "Flex Consumption", "WEBSITE_SKU=FlexConsumption;WEBSITE_SITE_NAME=func-techlead" },
        { "Flex Consumption before its settings arrive", "LEGION_SERVICE_HOST=10.0.0.4;WEBSITE_POD_NAME=func-techlead-5d8f" },
        { "Container Apps", "CONTAINER_APP_NAME=techlead;CONTAINER_APP_REVISION=techlead--r1" },
        { "Functions on Container Apps", "MANAGED_ENVIRONMENT=true" },
    };

    [Theory]
    [MemberData(nameof(AzurePlans))]
    public async Task In_every_azure_plan_forged_sign_in_headers_neither_read_nor_approve_drafts(string plan, string variables)
    {
        // Even with AZURE_FUNCTIONS_ENVIRONMENT=Development copied from local.settings.json into the deployment.
        using var host = await FunctionsWithDraftsAsync(Variables(variables));
        var draft = await WaitingAsync(host);
        var forged = DashboardAzureAuthTests.PrincipalHeaders(email: "ceo@contoso.com", roles: AccessGate.ReviewerRole);

        var read = await CallAsync(host, "Drafts", draft, headers: forged);
        var approve = await CallAsync(host, "DraftApprove", draft, headers: [.. forged, .. Decision(draft)]);

        Assert.True(read.Status == StatusCodes.Status503ServiceUnavailable, $"{plan}: reading drafts answered {read.Status}");
        Assert.DoesNotContain(draft.Id, read.Body, StringComparison.Ordinal);
        Assert.Contains(AppServicePlatform.AuthEnabled, read.Body, StringComparison.Ordinal);
        Assert.True(approve.Status == StatusCodes.Status503ServiceUnavailable, $"{plan}: approving answered {approve.Status}");
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(host, draft.Id));
        Assert.Equal(AccessMode.AppService, host.Services.GetRequiredService<AccessGate>().Mode);
    }

    [Theory]
    [MemberData(nameof(AzurePlans))]
    public void Local_mode_is_refused_at_start_up_in_every_azure_plan(string plan, string variables)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => FunctionsApp.Build(new Dictionary<string, string?>(Variables(variables))
        {
            ["Dashboard:Authentication"] = AccessMode.Local,
        }).Dispose());

        Assert.True(failure.Failures.Any(f => f.Contains("Dashboard:Authentication", StringComparison.Ordinal) && f.Contains("is Local", StringComparison.Ordinal)), plan + ": " + string.Join("\n", failure.Failures));
    }

    [Fact]
    public async Task Under_func_start_a_caller_from_another_computer_neither_reads_nor_approves()
    {
        using var host = await FunctionsWithDraftsAsync();
        var draft = await WaitingAsync(host);
        // func start listens on every interface; the host forwards the caller's own address to the worker.
        static void FromTheLan(HttpContext context) => context.Connection.RemoteIpAddress = IPAddress.Parse("192.168.1.23");

        var read = await CallAsync(host, "Drafts", draft, FromTheLan);
        var approve = await CallAsync(host, "DraftApprove", draft, FromTheLan, Decision(draft));
        var mapped = await CallAsync(host, "DraftApprove", draft, c => c.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:192.168.1.23"), Decision(draft));

        Assert.Equal(StatusCodes.Status403Forbidden, read.Status);
        Assert.DoesNotContain(draft.Id, read.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status403Forbidden, approve.Status);
        Assert.Equal(StatusCodes.Status403Forbidden, mapped.Status);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(host, draft.Id));

        // The person at the machine still can.
        var own = await CallAsync(host, "DraftApprove", draft, c => c.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1"), Decision(draft));
        Assert.Equal(StatusCodes.Status200OK, own.Status);
        Assert.Equal(DraftStatus.Approved, await StatusAsync(host, draft.Id));
    }

    [Fact]
    public async Task Under_func_start_a_rebinding_host_name_is_answered_400_and_changes_nothing()
    {
        using var host = await FunctionsWithDraftsAsync();
        var draft = await WaitingAsync(host);
        // A page on attacker.example whose name now resolves to 127.0.0.1: the peer is loopback, the Host is not.
        static void Rebound(HttpContext context) => context.Request.Host = new HostString("attacker.example", 7071);

        var read = await CallAsync(host, "Drafts", draft, Rebound);
        var approve = await CallAsync(host, "DraftApprove", draft, Rebound, [.. Decision(draft), ("Origin", "http://attacker.example:7071")]);
        var bare = await CallAsync(host, "Drafts", draft, c => c.Request.Host = default);

        Assert.True(read.Status == StatusCodes.Status400BadRequest, $"{read.Status}: {read.Body} {host.Services.GetRequiredService<AccessGate>().Platform}");
        Assert.DoesNotContain(draft.Id, read.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status400BadRequest, approve.Status);
        Assert.Equal(StatusCodes.Status400BadRequest, bare.Status);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(host, draft.Id));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("")]
    public async Task A_functions_app_neither_in_azure_nor_under_func_start_lets_nobody_in(string environment)
    {
        // A self-hosted container, a VM: nothing signs people in and nobody is known to be at the machine.
        using var host = await FunctionsWithDraftsAsync((HostingPlatform.FunctionsEnvironment, environment));
        var draft = await WaitingAsync(host);

        var read = await CallAsync(host, "Drafts", draft);
        var approve = await CallAsync(host, "DraftApprove", draft, headers: Decision(draft));
        var health = await CallAsync(host, "Health", draft);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, read.Status);
        Assert.Contains(HostingPlatform.FunctionsEnvironment, read.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Id, read.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, approve.Status);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(host, draft.Id));
        Assert.Equal(StatusCodes.Status200OK, health.Status);
        // Saying Local does not open it either: refused at start, naming the setting.
        var failure = Assert.Throws<OptionsValidationException>(() => FunctionsApp.Build(new Dictionary<string, string?>
        {
            [HostingPlatform.FunctionsEnvironment] = environment,
            ["Dashboard:Authentication"] = AccessMode.Local,
        }).Dispose());
        Assert.Contains(failure.Failures, f => f.Contains("Dashboard:Authentication", StringComparison.Ordinal));
    }

    private static IEnumerable<KeyValuePair<string, string?>> Variables(string variables) =>
        variables.Split(';').Select(v => v.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], (string?)p[1]));

    private static (string, string)[] Decision(DraftRecord draft) =>
        [("If-Match", ReviewQueue.Version(draft)), (AccessGate.CsrfHeader, "techlead-dashboard")];

    /// <summary>The Functions app as Program.cs builds it (local.settings.sample.json, as func start passes it, plus <paramref name="settings"/>) with the demo's drafts waiting.</summary>
    private async Task<IHost> FunctionsWithDraftsAsync(params IEnumerable<(string Key, string? Value)> settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix(),
            ["Signals:JiraProjects:0"] = "SHOP",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        var host = FunctionsApp.Build(overrides, queuesOfItsOwn: true);
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await DemoCommand.DraftSampleAsync(host.Services, CancellationToken.None);
        return host;
    }

    private Task<IHost> FunctionsWithDraftsAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        FunctionsWithDraftsAsync(settings.Select(p => (p.Key, p.Value)));

    private static async Task<DraftRecord> WaitingAsync(IHost host) =>
        (await host.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None))[0];

    private static async Task<DraftStatus> StatusAsync(IHost host, string id) =>
        (await host.Services.GetRequiredService<ReviewQueue>().GetAsync(id, CancellationToken.None))!.Status;

    /// <summary>
    /// Invokes the HTTP function named <paramref name="function"/> the worker's way, for <paramref name="draft"/>, with a
    /// request from this machine to 127.0.0.1:7071 that <paramref name="from"/> may change; returns status and body.
    /// </summary>
    private static async Task<(int Status, string Body)> CallAsync(IHost host, string function, DraftRecord draft, Action<HttpContext>? from = null, params (string Name, string Value)[] headers)
    {
        using var scope = host.Services.CreateScope();
        var entry = FunctionsApp.Metadata.Single(f => f.Name == function);
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, entry.Class);
        var method = entry.Class.GetMethods().Single(m => m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()?.Name == function);
        var request = FunctionsApp.Request(scope.ServiceProvider, entry.Methods[0], "{}", headers);
        from?.Invoke(request.HttpContext);
        var arguments = method.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
            : (object)draft.Id).ToArray();
        var result = await (Task<IActionResult>)method.Invoke(instance, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        return (request.HttpContext.Response.StatusCode, Encoding.UTF8.GetString(((MemoryStream)request.HttpContext.Response.Body).ToArray()));
    }
}
