using System.Text;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Golden;

/// <summary>
/// One recorded output under <c>tests/TechLead.Tests/Golden/Expected</c>, compared byte for byte. A mismatch leaves the
/// actual output as <c>*.actual</c> under the test output directory (never the repository); <c>GOLDEN_UPDATE=1</c>
/// writes the actual output over the expected file in the source tree instead.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "GOLDEN_UPDATE";

    public static string ExpectedDirectory => Path.Combine(RepoPaths.Root, "tests", "TechLead.Tests", "Golden", "Expected");

    public static string ActualDirectory => Path.Combine(AppContext.BaseDirectory, "golden-actual");

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Null when <paramref name="actual"/> matches the file, else a message with the first differing lines.</summary>
    public static string? Check(string name, string actual)
    {
        var expectedPath = Path.Combine(ExpectedDirectory, name);
        var actualPath = Path.Combine(ActualDirectory, name + ".actual");
        if (Updating)
        {
            Directory.CreateDirectory(ExpectedDirectory);
            File.WriteAllText(expectedPath, actual, Utf8);
            return null;
        }

        if (!File.Exists(expectedPath))
        {
            Write(actualPath, actual);
            return $"{name}: no golden file at {expectedPath}; the actual output is at {actualPath} (run with {UpdateVariable}=1 to record it).";
        }

        var expected = File.ReadAllText(expectedPath, Utf8);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            if (File.Exists(actualPath))
            {
                File.Delete(actualPath);
            }

            return null;
        }

        Write(actualPath, actual);
        return $"{name} differs from {expectedPath} (actual written to {actualPath}):\n{Diff(expected, actual)}";
    }

    /// <summary>The first differing lines with three lines of context, in unified-diff style.</summary>
    internal static string Diff(string expected, string actual, int context = 3, int maxLines = 12)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var first = 0;
        while (first < a.Length && first < b.Length && string.Equals(a[first], b[first], StringComparison.Ordinal))
        {
            first++;
        }

        // Trailing lines in common, so a changed line shows as -/+ and an insertion as + only.
        var (endA, endB) = (a.Length, b.Length);
        while (endA > first && endB > first && string.Equals(a[endA - 1], b[endB - 1], StringComparison.Ordinal))
        {
            (endA, endB) = (endA - 1, endB - 1);
        }

        var start = Math.Max(0, first - context);
        var text = new StringBuilder($"@@ -{start + 1} +{start + 1} @@ (first difference at line {first + 1})\n");
        for (var i = start; i < first; i++)
        {
            text.Append("  ").AppendLine(Clip(a[i]));
        }

        // The first run of lines that differ pair by pair (a changed value), else what was inserted or removed.
        var run = 0;
        while (run < maxLines && first + run < endA && first + run < endB && !string.Equals(a[first + run], b[first + run], StringComparison.Ordinal))
        {
            run++;
        }

        var (countA, countB) = run > 0 ? (run, run) : (Math.Min(maxLines, endA - first), Math.Min(maxLines, endB - first));
        foreach (var line in a.Skip(first).Take(countA))
        {
            text.Append("- ").AppendLine(Clip(line));
        }

        foreach (var line in b.Skip(first).Take(countB))
        {
            text.Append("+ ").AppendLine(Clip(line));
        }

        if (first < a.Length && first < b.Length)
        {
            var column = 0;
            while (column < a[first].Length && column < b[first].Length && a[first][column] == b[first][column])
            {
                column++;
            }

            // Long lines (a stored JSON column) are clipped above: show where they part.
            var from = Math.Max(0, column - 40);
            text.AppendLine($"  line {first + 1} first differs at column {column + 1}:");
            text.Append("  - …").AppendLine(a[first][from..Math.Min(a[first].Length, column + 80)]);
            text.Append("  + …").AppendLine(b[first][from..Math.Min(b[first].Length, column + 80)]);
        }

        return text.ToString();
    }

    private static string Clip(string line) => line.Length <= 300 ? line : line[..300] + $"… ({line.Length} chars)";

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8);
    }
}
