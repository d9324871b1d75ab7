using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Access;
using TechLead.Local.Commands;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// serve with the dashboard on must listen on loopback only, whatever says where: --urls text that reads as loopback
/// but is not to Kestrel, a Kestrel endpoint in the settings, or one set in code. What it bound is read from its own
/// server; nothing is sent to any address but loopback.
/// </summary>
public sealed partial class AccessAttackTests
{
    [Theory]
    [InlineData("http://0.0.0.0@127.0.0.1:0")]
    [InlineData("http://me@localhost:0")]
    public void Serve_refuses_urls_whose_user_info_hides_an_all_interfaces_bind(string urls)
    {
        var refused = Assert.Throws<ExposedServeException>(() => ServeCommand.Build(urls, noSchedule: true, TestHost.Settings(Azurite)));

        Assert.Contains("not loopback", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--urls " + urls, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kestrel_endpoint_in_the_settings_is_held_to_loopback_like_urls()
    {
        var local = TestHost.Settings(Azurite);
        var port = NodeService.FreePort();
        local["Kestrel:Endpoints:Local:Url"] = $"http://127.0.0.1:{port}";
        var exposed = TestHost.Settings(Azurite);
        exposed["Kestrel:Endpoints:Any:Url"] = "http://0.0.0.0:0";

        await using (var app = ServeCommand.Build("http://127.0.0.1:0", noSchedule: true, local))
        {
            await ServeCommand.StartAsync(app);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var health = await client.GetAsync("/api/health");

            Assert.Equal([$"http://127.0.0.1:{port}"], Bound(app));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            await app.StopAsync();
        }

        var refused = Assert.Throws<ExposedServeException>(() => ServeCommand.Build("http://127.0.0.1:0", noSchedule: true, exposed));
        Assert.Contains("not loopback", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Kestrel:Endpoints:Any:Url=http://0.0.0.0:0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_to_run_on_what_it_really_bound_when_code_opened_every_interface()
    {
        // No text names this address: only the server's own list of bound addresses shows it.
        await using var app = ServeCommand.Build("http://127.0.0.1:0", noSchedule: true, TestHost.Settings(Azurite),
            services => services.Configure<KestrelServerOptions>(o => o.ListenAnyIP(0)));

        var refused = await Assert.ThrowsAsync<ExposedServeException>(() => ServeCommand.StartAsync(app));

        var bound = Assert.Single(Bound(app));
        Assert.False(AccessGate.IsLoopback(new Uri(bound).Host));
        Assert.Contains($"serve is listening on {bound}, which is not loopback", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--urls", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Kestrel:Endpoints", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Enabled=false", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_answered_on_an_all_interfaces_bind_even_when_started_without_the_check()
    {
        await using var app = ServeCommand.Build("http://127.0.0.1:0", noSchedule: true, TestHost.Settings(Azurite),
            services => services.Configure<KestrelServerOptions>(o => o.ListenAnyIP(0)));
        await app.StartAsync();
        var port = new Uri(Assert.Single(Bound(app))).Port;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var drafts = await client.GetAsync("/api/drafts");
        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, drafts.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Empty(await page.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task The_serve_command_exits_2_naming_a_kestrel_endpoint_on_every_interface()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Kestrel__Endpoints__Any__Url"] = "http://0.0.0.0:0",
        };

        var exposed = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "serve", "--urls", "http://127.0.0.1:0", "--no-schedule", "--no-workers");

        Assert.True(exposed.ExitCode == 2, exposed.ToString());
        Assert.Contains("Kestrel:Endpoints:Any:Url=http://0.0.0.0:0", exposed.StdErr, StringComparison.Ordinal);
        Assert.Contains("not loopback", exposed.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exposed.StdErr, StringComparison.Ordinal);
    }

    /// <summary>What the server itself says it listens on.</summary>
    private static List<string> Bound(Microsoft.AspNetCore.Builder.WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];
}
