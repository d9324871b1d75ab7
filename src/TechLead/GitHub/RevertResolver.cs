using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.GitHub;

/// <summary>
/// Turns a revert that names a title (<c>Revert "..."</c>) or a commit ("This reverts commit ...") into the
/// number of the pull request it reverts: looked up among the pull requests being stored, then among the merged
/// pull requests already stored for the repository (read only when such a revert appears, which is rare).
/// </summary>
internal sealed class RevertResolver(ActivityStore store)
{
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(365);

    public async Task<IReadOnlyList<PullRequestRecord>> ResolveAsync(
        RepositoryName repository,
        IReadOnlyList<(PullRequestRecord Record, RevertReference? Reference)> items,
        CancellationToken cancellationToken)
    {
        var unresolved = items.Where(i => i.Record.RevertsNumber is null && i.Reference is { Number: null }).ToList();
        if (unresolved.Count == 0)
        {
            return items.Select(i => i.Record).ToList();
        }

        var from = unresolved.Min(i => i.Record.CreatedAt) - LookBack;
        var to = unresolved.Max(i => i.Record.CreatedAt).AddMinutes(1);
        var stored = await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(repository), Tables.Between("MergedAt", from, to), cancellationToken);
        var candidates = items.Select(i => i.Record).Concat(stored).Where(c => c.MergedAt is not null).ToList();
        return items
            .Select(i => i.Record.RevertsNumber is null && i.Reference is { Number: null } reference
                ? i.Record with { RevertsNumber = Find(candidates, i.Record, reference) }
                : i.Record)
            .ToList();
    }

    private static int? Find(List<PullRequestRecord> candidates, PullRequestRecord revert, RevertReference reference) =>
        candidates
            .Where(c => c.Number != revert.Number && c.MergedAt <= revert.CreatedAt)
            .Where(c => (reference.RevertedSha is { } sha && c.MergeCommitSha?.StartsWith(sha, StringComparison.OrdinalIgnoreCase) == true)
                || (reference.RevertedTitle is { } title && string.Equals(c.Title, title, StringComparison.Ordinal)))
            .OrderByDescending(c => c.MergedAt)
            .FirstOrDefault()?.Number;
}
