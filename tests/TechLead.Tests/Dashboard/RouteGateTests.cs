using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Endpoints;
using TechLead.Storage;
using TechLead.Tests.Functions;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// The storage answer every route gets from the gate both hosts run its handler in: the same 503 the handlers gave
/// when each caught the failure itself, word for word; health answers storage itself and the webhook stays the host's 500.
/// </summary>
public sealed class RouteGateTests
{
    [Theory]
    [InlineData(RouteNames.Drafts, "Table Storage did not answer. Nothing was changed; try again shortly.")]
    [InlineData(RouteNames.Draft, "Table Storage did not answer. Nothing was changed; try again shortly.")]
    [InlineData(RouteNames.Signals, "Table Storage did not answer. Nothing was changed; try again shortly.")]
    [InlineData(RouteNames.SignalsTrend, "Table Storage did not answer. Nothing was changed; try again shortly.")]
    [InlineData(RouteNames.SbiFeedbackList, "The kept feedback could not be listed: Table Storage did not answer. Nothing was sent to anyone.")]
    [InlineData(RouteNames.SbiFeedbackKept, "The kept feedback could not be read: Table Storage did not answer. Nothing was sent to anyone.")]
    public async Task A_storage_failure_under_a_handler_is_the_routes_503(string name, string detail)
    {
        using var host = FunctionsApp.Build();
        using var scope = host.Services.CreateScope();
        var request = FunctionsApp.Request(scope.ServiceProvider, "GET", "");

        var result = await scope.ServiceProvider.GetRequiredService<RouteGate>().RunAsync(request.HttpContext, Routes.Named(name), () => throw new StorageUnavailableException("down"));
        await ((IResult)result!).ExecuteAsync(request.HttpContext);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, request.HttpContext.Response.StatusCode);
        var body = JsonDocument.Parse(Encoding.UTF8.GetString(((MemoryStream)request.HttpContext.Response.Body).ToArray())).RootElement;
        Assert.Equal(("Storage unavailable", 503, detail), (body.GetProperty("title").GetString(), body.GetProperty("status").GetInt32(), body.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData(RouteNames.Health)]
    [InlineData(RouteNames.GitHubWebhook)]
    public async Task Health_and_the_webhook_do_not_get_the_gates_503(string name)
    {
        using var host = FunctionsApp.Build();
        using var scope = host.Services.CreateScope();
        var request = FunctionsApp.Request(scope.ServiceProvider, "GET", "");

        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
            await scope.ServiceProvider.GetRequiredService<RouteGate>().RunAsync(request.HttpContext, Routes.Named(name), () => throw new StorageUnavailableException("down")));
    }
}
