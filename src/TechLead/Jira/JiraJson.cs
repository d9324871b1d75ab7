using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechLead.Jira;

/// <summary>How Jira's JSON is read and our request bodies written (camelCase, case-insensitive, nulls left out).</summary>
internal static class JiraJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
