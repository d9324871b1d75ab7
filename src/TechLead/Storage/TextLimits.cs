namespace TechLead.Storage;

/// <summary>Caps untrusted or long text before it is stored.</summary>
internal static class TextLimits
{
    public const int Title = 512;
    /// <summary>PR descriptions: enough for a release-note excerpt, well under the row limit.</summary>
    public const int Body = 4_000;
    public const int Document = 24_000;
    public const int ListItems = 300;

    public static string Cap(string? text, int maxLength) =>
        text is null ? "" : text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");

    public static IReadOnlyList<string> Cap(IReadOnlyList<string> items, int maxItems = ListItems) =>
        items.Count <= maxItems ? items : items.Take(maxItems).ToArray();
}
