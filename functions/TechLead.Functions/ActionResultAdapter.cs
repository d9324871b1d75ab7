using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TechLead.Endpoints;
using TechLead.Http;

namespace TechLead.Functions;

/// <summary>
/// The endpoint handlers return ASP.NET Core <see cref="IResult"/> (the same handlers serve does); the Functions
/// ASP.NET Core integration returns <see cref="IActionResult"/>. Every trigger goes through the route gate first, by
/// its function name, so the route table's access rule applies here exactly as in serve.
/// </summary>
internal static class ActionResultAdapter
{
    public static async Task<IActionResult> GatedAsync(this RouteGate gate, HttpRequest request, string functionName, Func<Task<IResult>> handler)
    {
        SecurityHeaders.Apply(request.HttpContext.Response);
        await (await gate.RunAsync(request, functionName, handler)).ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }

    public static Task<IActionResult> Gated(this RouteGate gate, HttpRequest request, string functionName, Func<IResult> handler) =>
        gate.GatedAsync(request, functionName, () => Task.FromResult(handler()));
}
