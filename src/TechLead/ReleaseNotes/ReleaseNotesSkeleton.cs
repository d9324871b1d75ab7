using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TechLead.Activity;

namespace TechLead.ReleaseNotes;

/// <summary>One merged PR as a release-note item. The number always travels with it.</summary>
public sealed record ReleaseNoteItem
{
    public required int Number { get; init; }

    /// <summary>The PR title as written.</summary>
    public required string Title { get; init; }

    /// <summary>The title without its conventional-commit type (only a type the categories use); its first word as the author wrote it.</summary>
    public required string Subject { get; init; }

    public string? Scope { get; init; }

    public bool Breaking { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string Body { get; init; } = "";

    /// <summary>Why it landed in its section: "label 'bug'", "title type 'feat'", "no matching label or type".</summary>
    public required string Reason { get; init; }
}

public sealed record ReleaseNoteSection(string Title, string BusinessTitle, IReadOnlyList<ReleaseNoteItem> Items);

/// <summary>A PR that was reverted within the same release, and the PR that reverted it: both are left out.</summary>
public sealed record DroppedRevert(int Revert, int Reverted);

/// <summary>
/// The deterministic release notes: what was merged since the stored previous release, sorted into sections with
/// breaking changes first and "needs a label" last, bots folded, reverted pairs removed. Drafters only rephrase it.
/// </summary>
public sealed record ReleaseNotesSkeleton
{
    public const string BreakingTitle = "Breaking changes";
    public const string NeedsLabelTitle = "Needs a label";

    public required RepositoryName Repository { get; init; }

    public string? PreviousTag { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    public IReadOnlyList<ReleaseNoteSection> Sections { get; init; } = [];

    public IReadOnlyList<ReleaseNoteItem> BotUpdates { get; init; } = [];

    public IReadOnlyList<string> BotAuthors { get; init; } = [];

    public IReadOnlyList<DroppedRevert> DroppedReverts { get; init; } = [];

    public IReadOnlyList<int> Excluded { get; init; } = [];

    /// <summary>True when the PRs are those whose merge commits the previous tag does not contain (commit ancestry).</summary>
    public bool ByAncestry { get; init; }

    /// <summary>Why the PRs were chosen by merge time instead of ancestry, when they were.</summary>
    public string? AttributionNote { get; init; }

    /// <summary>Built from the generated sample workspace: every view says so.</summary>
    public bool FromSampleData { get; init; }

    [JsonIgnore]
    public IEnumerable<ReleaseNoteItem> Items => Sections.SelectMany(s => s.Items);

    /// <summary>Every PR number the notes cite: the ids a drafted item may refer to.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> Numbers => [.. Items.Select(i => i.Number).Concat(BotUpdates.Select(b => b.Number)).Order()];
}

internal sealed partial class ReleaseNotesSkeletonBuilder(IOptions<ReleaseNotesOptions> options)
{
    /// <summary>
    /// The notes for what was merged after <paramref name="since"/>; or, given <paramref name="notInPreviousTag"/> (the
    /// default branch's commits the previous tag does not contain), exactly the PRs whose merge commits are among them.
    /// </summary>
    public ReleaseNotesSkeleton Build(RepositoryName repository, string? previousTag, DateTimeOffset since, DateTimeOffset until,
        IEnumerable<PullRequestRecord> pullRequests, IReadOnlySet<string>? notInPreviousTag = null)
    {
        ArgumentNullException.ThrowIfNull(pullRequests);
        var settings = options.Value;
        bool Included(PullRequestRecord p) => notInPreviousTag is null
            ? p.MergedAt > since
            : p.MergeCommitSha is { Length: > 0 } sha && notInPreviousTag.Contains(sha);
        var merged = pullRequests
            .Where(p => p.Repository == repository && p.MergedAt is { } at && at <= until && Included(p))
            .Where(p => string.IsNullOrEmpty(settings.Branch) || string.Equals(p.BaseBranch, settings.Branch, StringComparison.OrdinalIgnoreCase))
            // The same PR seen twice (sync and webhook): the latest version wins.
            .GroupBy(p => p.Number)
            .Select(g => g.OrderBy(p => p.UpdatedAt).Last())
            .OrderBy(p => p.MergedAt)
            .ToList();

        var excluded = merged.Where(p => p.Labels.Any(l => settings.EffectiveExcludeLabels.Contains(l, StringComparer.OrdinalIgnoreCase))).ToList();
        var candidates = merged.Except(excluded).ToList();
        var reverts = DroppedReverts(candidates);
        var dropped = reverts.SelectMany(r => (int[])[r.Revert, r.Reverted]).ToHashSet();
        candidates = candidates.Where(p => !dropped.Contains(p.Number)).ToList();

        var bots = candidates.Where(IsBot).ToList();
        var people = candidates.Except(bots).Select(Item).ToList();

        var sections = new List<ReleaseNoteSection>();
        AddSection(sections, ReleaseNotesSkeleton.BreakingTitle, "Action needed: breaking changes", people.Where(i => i.Item.Breaking));
        foreach (var category in settings.EffectiveCategories)
        {
            AddSection(sections, category.Title, string.IsNullOrWhiteSpace(category.BusinessTitle) ? category.Title : category.BusinessTitle,
                people.Where(i => !i.Item.Breaking && ReferenceEquals(i.Category, category)));
        }

        AddSection(sections, ReleaseNotesSkeleton.NeedsLabelTitle, "Other changes", people.Where(i => !i.Item.Breaking && i.Category is null));

        return new ReleaseNotesSkeleton
        {
            Repository = repository,
            PreviousTag = previousTag,
            ByAncestry = notInPreviousTag is not null,
            Since = since,
            Until = until,
            Sections = sections,
            BotUpdates = bots.Select(b => Item(b).Item).ToList(),
            BotAuthors = bots.Select(b => b.Author).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            DroppedReverts = reverts,
            Excluded = excluded.Select(e => e.Number).ToList(),
            FromSampleData = merged.Any(p => p.Origin == Origins.Sample),
        };
    }

    private static void AddSection(List<ReleaseNoteSection> sections, string title, string businessTitle, IEnumerable<(ReleaseNoteItem Item, ReleaseCategory? Category)> items)
    {
        var list = items.Select(i => i.Item).ToList();
        if (list.Count > 0)
        {
            sections.Add(new ReleaseNoteSection(title, businessTitle, list));
        }
    }

    private bool IsBot(PullRequestRecord pr) =>
        pr.AuthorIsBot || options.Value.EffectiveBotAuthors.Contains(pr.Author, StringComparer.OrdinalIgnoreCase);

    private (ReleaseNoteItem Item, ReleaseCategory? Category) Item(PullRequestRecord pr)
    {
        var settings = options.Value;
        var title = pr.Title.Trim();
        // Only the conventional types the categories know are a prefix to strip: "sorbet: ..." or "cask/upgrade: ..."
        // name an area of the code, and the title keeps them.
        var conventional = Conventional().Match(title) is { Success: true } match
            && settings.EffectiveCategories.Any(c => c.Types.Contains(match.Groups["type"].Value, StringComparer.OrdinalIgnoreCase))
            ? match
            : Match.Empty;
        var revertTitle = RevertTitle().Match(title);
        var type = conventional.Success ? conventional.Groups["type"].Value.ToLowerInvariant() : revertTitle.Success ? "revert" : null;
        var subject = conventional.Success ? conventional.Groups["subject"].Value.Trim() : title;
        var breaking = (conventional.Success && conventional.Groups["bang"].Success)
            || pr.Labels.Any(l => settings.EffectiveBreakingLabels.Contains(l, StringComparer.OrdinalIgnoreCase))
            || pr.Body.Contains("BREAKING CHANGE:", StringComparison.Ordinal) || pr.Body.Contains("BREAKING-CHANGE:", StringComparison.Ordinal);

        ReleaseCategory? category = null;
        string reason;
        var byLabel = settings.EffectiveCategories
            .Select(c => (Category: c, Label: pr.Labels.FirstOrDefault(l => c.Labels.Contains(l, StringComparer.OrdinalIgnoreCase))))
            .FirstOrDefault(c => c.Label is not null);
        if (byLabel.Label is not null)
        {
            category = byLabel.Category;
            reason = $"label '{byLabel.Label}'";
        }
        else if (type is not null && settings.EffectiveCategories.FirstOrDefault(c => c.Types.Contains(type, StringComparer.OrdinalIgnoreCase)) is { } byType)
        {
            category = byType;
            reason = $"title type '{type}'";
        }
        else
        {
            reason = "no matching label or type";
        }

        var item = new ReleaseNoteItem
        {
            Number = pr.Number,
            Title = title,
            Subject = subject.Length > 0 ? subject : title,
            Scope = conventional.Success && conventional.Groups["scope"].Success ? conventional.Groups["scope"].Value : null,
            Breaking = breaking,
            Labels = pr.Labels,
            Body = pr.Body,
            Reason = breaking ? $"breaking change ({reason})" : reason,
        };
        return (item, category);
    }

    /// <summary>
    /// Revert pairs inside the range: a PR that records what it reverts, says "Reverts owner/repo#N" (GitHub's revert
    /// button), or is titled <c>Revert "title"</c> after a PR of the range.
    /// </summary>
    private static List<DroppedRevert> DroppedReverts(List<PullRequestRecord> candidates)
    {
        var byNumber = candidates.ToDictionary(p => p.Number);
        var pairs = new List<DroppedRevert>();
        var used = new HashSet<int>();
        foreach (var pr in candidates)
        {
            int? reverted = pr.RevertsNumber;
            if (reverted is null && RevertsInBody().Match(pr.Body) is { Success: true } body)
            {
                reverted = int.Parse(body.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (reverted is null && RevertTitle().Match(pr.Title.Trim()) is { Success: true } title)
            {
                var original = title.Groups["title"].Value;
                reverted = candidates.FirstOrDefault(c => c.Number != pr.Number && c.MergedAt <= pr.MergedAt
                    && string.Equals(c.Title.Trim(), original, StringComparison.Ordinal))?.Number;
            }

            if (reverted is { } n && n != pr.Number && byNumber.ContainsKey(n) && !used.Contains(n) && !used.Contains(pr.Number))
            {
                pairs.Add(new DroppedRevert(pr.Number, n));
                used.Add(n);
                used.Add(pr.Number);
            }
        }

        return pairs;
    }

    [GeneratedRegex(@"^(?<type>[A-Za-z]+)(?:\((?<scope>[^)]*)\))?(?<bang>!)?:\s*(?<subject>.+)$")]
    private static partial Regex Conventional();

    [GeneratedRegex(@"^Revert\s+""(?<title>.+)""$")]
    private static partial Regex RevertTitle();

    [GeneratedRegex(@"\bReverts\s+(?:[\w.-]+/[\w.-]+)?#(?<n>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex RevertsInBody();
}
