using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TechLead.Dashboard;

/// <summary>
/// The HTTP API's one JSON convention: camelCase, as ASP.NET Core, ProblemDetails and the SBI endpoint already
/// write. The signal records carry snake_case [JsonPropertyName] names for <c>signals --json</c> (a stable CLI
/// interface); here every property is named from its C# name instead, so the HTTP answer has the same fields
/// in camelCase (<c>previous_4_week_median</c> becomes <c>previous4WeekMedian</c>).
/// </summary>
public static class ApiJson
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
