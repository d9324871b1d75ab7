using System.Globalization;
using System.Text;

namespace TechLead.Storage;

/// <summary>
/// Makes any text safe as a Table Storage PartitionKey or RowKey. Keys may not contain '/', '\', '#', '?' or
/// control characters; those (and '~', the escape itself) become <c>~XX</c>. Reversible, and order-preserving
/// for the characters people actually use in repository names, tags and paths.
/// </summary>
internal static class KeyCodec
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '~' or '%' || char.IsControl(c))
            {
                builder.Append('~').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 2 < key.Length)
            {
                builder.Append((char)int.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>A number as a fixed-width key so keys sort like the numbers.</summary>
    public static string Number(long value) => value.ToString("D12", CultureInfo.InvariantCulture);
}
