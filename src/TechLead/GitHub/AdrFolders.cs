using System.Security.Cryptography;
using System.Text;
using TechLead.Activity;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TechLead.GitHub;

/// <summary>
/// Where a repository keeps its ADRs (docs/github-sync.md, "ADR folder"): the folder named in <c>.adr-dir</c>
/// (adr-tools), else <c>project.adrFolder</c> in <c>.log4brains.yml</c>, else the first of the usual folders that holds
/// markdown files. Shared by the sync and the webhook receiver (which checks whether a push touched an ADR).
/// </summary>
internal static class AdrFolders
{
    public const string AdrDirFile = ".adr-dir";
    public const string Log4brainsFile = ".log4brains.yml";

    /// <summary>The usual folders, in the order they are preferred.</summary>
    public static readonly IReadOnlyList<string> Candidates = ["docs/adr", "doc/adr", "docs/architecture/decisions", "docs/decisions", "adr"];

    /// <summary>The folder named by an <c>.adr-dir</c> file (its first non-empty line).</summary>
    /// <summary>The repository's ADR folder (null: none), found with one or two GraphQL requests.</summary>
    public static async Task<string?> DiscoverAsync(GitHubGraphQlClient graphQl, RepositoryName repository, CancellationToken cancellationToken)
    {
        var answer = await graphQl.DiscoverAdrFoldersAsync(repository, Candidates, cancellationToken);
        var adrDir = FromAdrDir(answer.AdrDirText);
        var log4brains = FromLog4brains(answer.Log4brainsText);
        var configured = new[] { adrDir, log4brains }.OfType<string>().Where(f => !answer.FolderEntries.ContainsKey(f)).Distinct().ToList();
        var entries = answer.FolderEntries;
        if (configured.Count > 0)
        {
            // A folder named in .adr-dir or .log4brains.yml outside the usual ones: one more request to see it exists.
            var extra = await graphQl.DiscoverAdrFoldersAsync(repository, configured, cancellationToken);
            entries = entries.Concat(extra.FolderEntries).ToDictionary();
        }

        return Choose(adrDir, log4brains, entries);
    }

    public static string? FromAdrDir(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) is { } line ? Normalize(line) : null;

    /// <summary>The folder named by <c>project.adrFolder</c> in a <c>.log4brains.yml</c> file.</summary>
    public static string? FromLog4brains(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("project"), out var project) && project is YamlMappingNode projectNode
                && projectNode.Children.TryGetValue(new YamlScalarNode("adrFolder"), out var folder) && folder is YamlScalarNode { Value: { } value }
                ? Normalize(value)
                : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>
    /// Picks the ADR folder from what exists: <paramref name="folderFiles"/> maps each folder that exists to the
    /// names of the files directly in it.
    /// </summary>
    public static string? Choose(string? adrDir, string? log4brains, IReadOnlyDictionary<string, IReadOnlyList<string>> folderFiles)
    {
        foreach (var configured in new[] { adrDir, log4brains })
        {
            if (configured is not null && folderFiles.ContainsKey(configured))
            {
                return configured;
            }
        }

        return Candidates.FirstOrDefault(c => folderFiles.TryGetValue(c, out var files) && files.Any(IsAdrFile));
    }

    /// <summary>Markdown files that are decisions, not the folder's README, index or template.</summary>
    public static bool IsAdrFile(string fileName)
    {
        var name = Path.GetFileName(fileName);
        return name.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("README.md", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("index.md", StringComparison.OrdinalIgnoreCase)
            && !name.Contains("template", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a changed path (e.g. from a push event) is an ADR directly in <paramref name="folder"/>.</summary>
    public static bool IsAdrPath(string path, string folder) =>
        string.Equals(Path.GetDirectoryName(Normalize(path))?.Replace('\\', '/'), Normalize(folder), StringComparison.Ordinal) && IsAdrFile(path);

    /// <summary>"./docs/adr/" and "docs\adr" become "docs/adr".</summary>
    public static string Normalize(string folder)
    {
        var normalized = folder.Trim().Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.Trim('/');
    }

    /// <summary>SHA-256 of the file's text (UTF-8), lower-case hex: what <c>AdrFileRecord.ContentHash</c> holds.</summary>
    public static string ContentHash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
