using System.Text.RegularExpressions;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Layering;

/// <summary>
/// The feature folders of src/TechLead use each other one way only, as docs/architecture.md lists them; the test reads
/// the compiled assembly, so a using, a fully qualified name or a lambda all count.
/// </summary>
public sealed partial class FolderGraphTests
{
    private static readonly string Assembly = typeof(TechLead.Hosting.IJob).Assembly.Location;

    /// <summary>"- **Signals**: Activity, Storage, Team" lines under "## Which folder may use which".</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var section = text[text.IndexOf("## Which folder may use which", StringComparison.Ordinal)..];
        var allowed = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (Match line in Rule().Matches(section))
        {
            allowed[line.Groups["from"].Value] = line.Groups["to"].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(t => t != "nothing")
                .ToHashSet(StringComparer.Ordinal);
        }

        return allowed;
    }

    [GeneratedRegex(@"^- \*\*(?<from>\w+)\*\*: (?<to>[\w, ]+)$", RegexOptions.Multiline)]
    private static partial Regex Rule();

    [Fact]
    public void The_list_is_one_way_and_names_every_folder()
    {
        var allowed = Allowed();
        var folders = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src", "TechLead"))
            .Select(Path.GetFileName)
            .Where(f => f is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(folders, allowed.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(FolderGraph.Cycles(allowed));
    }

    [Fact]
    public void Every_folder_uses_only_the_folders_the_list_allows()
    {
        var violations = FolderGraph.Violations(FolderGraph.Read(Assembly), Allowed());

        Assert.True(violations.Count == 0, "Edges not in docs/architecture.md:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void An_edge_against_the_list_is_reported()
    {
        var actual = FolderGraph.Read(Assembly);
        // Take away one edge the code really has: the check must name it.
        var (from, to) = actual.Order().First(e => e.From == "Dashboard");
        var narrowed = Allowed().ToDictionary(p => p.Key, p => p.Key == from ? (IReadOnlySet<string>)p.Value.Where(t => t != to).ToHashSet() : p.Value);

        Assert.Equal([$"{from} -> {to}"], FolderGraph.Violations(actual, narrowed));
        // And a reversed edge makes the list itself cyclic.
        var reversed = Allowed().ToDictionary(p => p.Key, p => p.Key == to ? (IReadOnlySet<string>)p.Value.Append(from).ToHashSet() : p.Value);
        Assert.NotEmpty(FolderGraph.Cycles(reversed));
    }
}
