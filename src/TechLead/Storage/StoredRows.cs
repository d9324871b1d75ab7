using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace TechLead.Storage;

/// <summary>
/// Reading rows defensively: a row whose JSON does not map (malformed, a wrong type, a null where the record has no
/// null) is skipped by the list that reads it and remembered here by its key, so <c>/api/health</c> can name it.
/// Nothing is changed in storage: a person decides what to do with the row.
/// </summary>
public sealed class UnreadableRows
{
    private const int Kept = 100;
    private readonly ConcurrentDictionary<string, byte> _rows = new(StringComparer.Ordinal);

    /// <summary>The rows seen unreadable since the process started (and not read successfully since), as table/partition/row.</summary>
    public IReadOnlyList<string> Names => _rows.Keys.Order(StringComparer.Ordinal).ToList();

    public void Seen(string table, string partitionKey, string rowKey)
    {
        // Bounded: a table full of damage must not grow memory without end; the count in the log says the rest.
        if (_rows.Count < Kept)
        {
            _rows.TryAdd(Name(table, partitionKey, rowKey), 0);
        }
    }

    /// <summary>A row read fine (repaired or rewritten): no longer named.</summary>
    public void Readable(string table, string partitionKey, string rowKey)
    {
        if (!_rows.IsEmpty)
        {
            _rows.TryRemove(Name(table, partitionKey, rowKey), out _);
        }
    }

    public static string Name(string table, string partitionKey, string rowKey) => $"{table}/{partitionKey}/{rowKey}";
}

/// <summary>Checks on a deserialized row that the JSON reader does not make.</summary>
internal static class StoredJson
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, NullabilityInfo Nullability)[]> Properties = new();

    /// <summary>
    /// Options for reading rows written with <paramref name="writing"/>: an explicit null in a member that cannot be null
    /// is a <see cref="JsonException"/> (a missing member still takes its default, as older rows need).
    /// </summary>
    public static JsonSerializerOptions Reading(JsonSerializerOptions writing) => new(writing) { RespectNullableAnnotations = true };

    /// <summary>
    /// Where <paramref name="value"/> holds a null its type does not allow (a list element, a nested member), or null
    /// when it holds none: the reader lets list elements through, and a null there would fail whoever renders the row.
    /// </summary>
    public static string? NullInside(object? value) => NullInside(value, "", 0);

    private static string? NullInside(object? value, string path, int depth)
    {
        if (value is null || depth > 12 || IsLeaf(value.GetType()))
        {
            return null;
        }

        if (value is IDictionary)
        {
            return null;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                if (item is null)
                {
                    return $"{path}[{i}] is null";
                }

                if (NullInside(item, $"{path}[{i}]", depth + 1) is { } inner)
                {
                    return inner;
                }

                i++;
            }

            return null;
        }

        foreach (var (property, nullability) in PropertiesOf(value.GetType()))
        {
            var member = property.GetValue(value);
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (member is null)
            {
                if (nullability.ReadState == NullabilityState.NotNull && !property.PropertyType.IsValueType)
                {
                    return $"{name} is null";
                }

                continue;
            }

            if (NullInside(member, name, depth + 1) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
        || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri) || type == typeof(DateOnly) || type == typeof(TimeOnly);

    private static (PropertyInfo Property, NullabilityInfo Nullability)[] PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t =>
        {
            var context = new NullabilityInfoContext();
            return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
                .Select(p => (p, context.Create(p)))
                .ToArray();
        });
}
