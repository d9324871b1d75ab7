using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechLead.Doctor;

/// <summary>The doctor's JSON, the same for <c>doctor --json</c> and <c>/api/health?checks=deep</c>: camelCase, statuses as words.</summary>
public static class DoctorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
