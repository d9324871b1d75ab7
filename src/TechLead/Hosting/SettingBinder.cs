using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TechLead.Hosting;

/// <summary>
/// Binds a settings section the way the configuration binder does, except that a value the binder cannot convert
/// (a word in a number, "maybe" in a true/false, an unknown name in a choice) becomes a setting problem naming the
/// key instead of an <see cref="InvalidOperationException"/> with a stack trace before any validator has run.
/// </summary>
internal static class SettingBinder
{
    private static readonly string[] SecretWords = ["key", "secret", "password", "token", "connectionstring", "webhookurl"];

    /// <summary>Every value under <paramref name="section"/> that cannot be converted to the property it binds to, as setting problems.</summary>
    public static IReadOnlyList<string> Bind(IConfigurationSection section, object instance)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(instance);
        var problems = new SettingProblems();
        var bad = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Scan(section, instance.GetType(), instance, problems, bad);
        if (bad.Count == 0)
        {
            try
            {
                section.Bind(instance);
                return [];
            }
            catch (InvalidOperationException e)
            {
                // A conversion this scan does not foresee: still named, never a stack trace.
                problems.Add(section.Path, $"could not be read ({Redacted(e.Message, section.Path)})", $"{section.Path}:... as docs/configuration.md shows");
                return problems.Failures;
            }
        }

        // Bind what is readable, so the other validators judge the rest as written rather than as defaults.
        var readable = new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true).Where(p => !bad.Contains(Join(section.Path, p.Key))))
            .Build();
        try
        {
            readable.Bind(instance);
        }
        catch (InvalidOperationException)
        {
            // The problems found already stop the start; a second conversion failure adds nothing a person can act on.
        }

        return problems.Failures;
    }

    private static string Join(string path, string relative) => relative.Length == 0 ? path : $"{path}:{relative}";

    private static void Scan(IConfigurationSection section, Type type, object? current, SettingProblems problems, HashSet<string> bad)
    {
        var nullable = Nullable.GetUnderlyingType(type) is not null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            if (section.Value is { } value && !Converts(value, type, nullable))
            {
                bad.Add(section.Path);
                problems.Add(section.Path, Describe(section.Path, value, type), $"{section.Path}={Example(type, current)}");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            foreach (var child in children)
            {
                Scan(child, element, null, problems, bad);
            }

            return;
        }

        if (type == typeof(string) || type == typeof(object) || IsScalar(type))
        {
            return;
        }

        foreach (var child in children)
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = current is null || !property.CanRead ? null : property.GetValue(current);
            Scan(child, property.PropertyType, value, problems, bad);
        }
    }

    /// <summary>The element type of a list, array or dictionary (its values), or null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length switch
        {
            1 => arguments[0],
            2 => arguments[1],
            _ => null,
        };
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(DateTimeOffset)
        || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Uri) || type == typeof(Guid);

    private static bool Converts(string value, Type type, bool nullable)
    {
        if (!IsScalar(type) || (nullable && value.Length == 0))
        {
            return true;
        }

        try
        {
            var converter = TypeDescriptor.GetConverter(type);
            _ = converter.ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException or UriFormatException)
        {
            return false;
        }
    }

    private static string Describe(string path, string value, Type type)
    {
        var what = type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(TimeSpan) => "a duration (d.hh:mm:ss)",
            _ when type == typeof(Uri) => "a URL",
            _ => $"a {type.Name}",
        };
        return IsSecret(path) ? $"is not {what}" : $"is '{value}', which is not {what}";
    }

    private static string Example(Type type, object? current) => type switch
    {
        _ when type == typeof(bool) => "true",
        _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault() ?? "",
        _ when current is IFormattable formattable && !IsZero(current) => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ when type == typeof(TimeSpan) => "00:05:00",
        _ when type == typeof(Uri) => "https://example.com/",
        _ => "10",
    };

    private static bool IsZero(object value) => value is IConvertible convertible && value is not TimeSpan
        && convertible.ToDouble(CultureInfo.InvariantCulture) == 0;

    private static bool IsSecret(string path) => SecretWords.Any(w => path.Replace("_", "", StringComparison.Ordinal).Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string Redacted(string message, string path) => IsSecret(path) ? "a value of the wrong form" : message;
}

/// <summary>Reports what <see cref="SettingBinder"/> could not bind into an options instance, with the other start-up problems.</summary>
internal sealed class BindingProblemsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private static readonly ConditionalWeakTable<TOptions, IReadOnlyList<string>> Found = new();

    public static void Record(TOptions options, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            Found.AddOrUpdate(options, problems);
        }
    }

    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        Found.TryGetValue(options, out var problems) ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Skip;
}
