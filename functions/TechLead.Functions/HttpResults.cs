using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TechLead.Functions;

/// <summary>
/// The endpoint handlers return ASP.NET Core <see cref="IResult"/> (the same handlers serve does); the Functions
/// ASP.NET Core integration returns <see cref="IActionResult"/>. The result writes the response itself.
/// </summary>
internal static class HttpResults
{
    public static async Task<IActionResult> WriteAsync(this Task<IResult> result, HttpRequest request)
    {
        await (await result).ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }
}
