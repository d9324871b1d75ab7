using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechLead.Hosting;

/// <summary>The string a member of a closed set is stored, keyed and sent as (<c>[StoredAs("no_data")]</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class StoredAsAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>
/// A closed set kept as strings in rows, keys and JSON: each member's string is written once, on the member, and read
/// back exactly, so renaming a member never changes stored data and an unknown or differently cased string is none.
/// </summary>
internal static class StoredStrings<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Texts = Enum.GetValues<TEnum>().ToDictionary(
        value => value,
        value => typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<StoredAsAttribute>()?.Text
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no [StoredAs] string."));

    private static readonly Dictionary<string, TEnum> Values = Texts.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string Of(TEnum value) =>
        Texts.TryGetValue(value, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>The member stored as <paramref name="stored"/>, or null for none or an unknown string.</summary>
    public static TEnum? Parse(string? stored) => stored is not null && Values.TryGetValue(stored, out var value) ? value : null;
}

/// <summary>Writes and reads a closed set as its stored strings, whatever the serializer's naming policy.</summary>
internal sealed class StoredStringJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return StoredStrings<TEnum>.Parse(text)
            ?? throw new JsonException($"'{text}' is not a {typeof(TEnum).Name} ({string.Join(", ", Enum.GetValues<TEnum>().Select(StoredStrings<TEnum>.Of))}).");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(StoredStrings<TEnum>.Of(value));
    }
}
