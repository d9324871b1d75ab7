using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TechLead.Endpoints;
using TechLead.Http;

namespace TechLead.Functions;

/// <summary>
/// The endpoint handlers return ASP.NET Core typed results (the same handlers serve maps); the Functions ASP.NET Core
/// integration returns <see cref="IActionResult"/>. Every trigger runs its handler inside the route gate, by its
/// function name, so the route table's access rule and storage answer apply here exactly as in serve.
/// </summary>
/// <remarks>
/// Query parameters: serve binds them to the handler's parameters (<c>[FromQuery]</c> in the route table); the
/// worker binds only the trigger and route values, so each trigger reads its query parameters with <see cref="QueryText"/>,
/// giving the handler the same string minimal-API binding does.
/// </remarks>
internal static class ActionResultAdapter
{
    public static async Task<IActionResult> RunAsync<TResult>(this RouteGate gate, HttpRequest request, string functionName, Func<Task<TResult>> handler)
        where TResult : IResult
    {
        SecurityHeaders.Apply(request.HttpContext.Response);
        var result = await gate.RunAsync(request.HttpContext, Routes.Named(functionName), async () => await handler());
        await ((IResult)result!).ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }

    public static Task<IActionResult> Run<TResult>(this RouteGate gate, HttpRequest request, string functionName, Func<TResult> handler)
        where TResult : IResult =>
        gate.RunAsync(request, functionName, () => Task.FromResult(handler()));

    /// <summary>A query parameter as minimal APIs bind a <c>string?</c>: null when absent, repeated values comma-joined.</summary>
    public static string? QueryText(this HttpRequest request, string name) => request.Query[name];
}
