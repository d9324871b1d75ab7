using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechLead.Activity;

/// <summary>A GitHub repository as <c>owner/name</c>. Compared case-insensitively, as GitHub does.</summary>
[JsonConverter(typeof(RepositoryNameJsonConverter))]
public readonly record struct RepositoryName
{
    private RepositoryName(string owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    public string Owner { get; }

    public string Name { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out RepositoryName? repository)
    {
        repository = null;
        var parts = text?.Trim().Split('/');
        if (parts is not [var owner, var name] || !IsValidPart(owner) || !IsValidPart(name))
        {
            return false;
        }

        repository = new RepositoryName(owner, name);
        return true;
    }

    public static RepositoryName Parse(string text) =>
        TryParse(text, out var repository)
            ? repository.Value
            : throw new FormatException($"'{text}' is not a repository; expected owner/name, for example octo-org/payments-api.");

    public bool Equals(RepositoryName other) =>
        string.Equals(Owner, other.Owner, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Owner ?? ""), StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? ""));

    public override string ToString() => $"{Owner}/{Name}";

    // GitHub allows letters, digits, '-', '_' and '.' in owner and repository names.
    private static bool IsValidPart(string part) =>
        part.Length is > 0 and <= 100 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

internal sealed class RepositoryNameJsonConverter : JsonConverter<RepositoryName>
{
    public override RepositoryName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RepositoryName.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, RepositoryName value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
