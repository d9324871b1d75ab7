using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechLead.Signals;

/// <summary>
/// The JSON form of a <see cref="SignalReport"/> (<c>signals --json</c>): the command line's one naming policy,
/// snake_case from the C# names ([JsonPropertyName] only where a name differs from it), documented in
/// docs/signals.md; every field is always written, null included, so a consumer never has to guess whether a field exists.
/// </summary>
public static class SignalJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Output goes to a terminal or a pipe, never into HTML: keep quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(SignalReport report) => JsonSerializer.Serialize(report, Options);

    public static SignalReport? Deserialize(string json) => JsonSerializer.Deserialize<SignalReport>(json, Options);
}
