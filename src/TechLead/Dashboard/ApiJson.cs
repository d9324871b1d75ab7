using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TechLead.Dashboard;

/// <summary>
/// The HTTP API's one JSON convention: camelCase from the C# names, as ASP.NET Core, ProblemDetails and the SBI
/// endpoint already write. The command line's policy is snake_case (<c>signals --json</c>, a stable interface), and
/// the few [JsonPropertyName] attributes that serve it are ignored here, so the HTTP answer has the same fields in
/// camelCase (<c>previous_4_week_median</c> becomes <c>previous4WeekMedian</c>).
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, Options);

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(CamelCaseFromMemberNames);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = resolver,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.Default,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void CamelCaseFromMemberNames(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is System.Reflection.MemberInfo member)
            {
                property.Name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            }
        }
    }
}
