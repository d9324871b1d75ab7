using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechLead.Tests.Infrastructure;

/// <summary>Every refusal is RFC 9457 ProblemDetails with the status in the body too.</summary>
internal static class HttpProblems
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
