namespace TechLead.GitHub;

/// <summary>
/// The part of a repository's commit graph fetched from GraphQL history pages, and <c>base...head</c> (commits
/// reachable from head and not from base) where that part proves it. Proof: walking parents from head, every path
/// ends at base, through commits whose parents are all known. Then every commit walked but base is not reachable from
/// base (it has base as an ancestor; a commit cannot be its own ancestor), and every commit reachable from head but not
/// walked is reachable through base. A path that leaves the fetched part asks for more history; one that ends at a root
/// commit or an octopus merge (the base is not behind it, or it might be: a branch forked before base, a rewritten base,
/// a rollback), or an order GitHub's compare could break differently, is not proven: REST compares that range.
/// </summary>
internal sealed class CommitGraph
{
    private readonly Dictionary<string, GitHubGraphCommit> _commits = new(StringComparer.OrdinalIgnoreCase);

    public enum Outcome
    {
        Proven,
        /// <summary>A path reached a commit not fetched yet: more of the history may prove it.</summary>
        NeedsHistory,
        /// <summary>No more history proves it: the caller asks REST.</summary>
        Unproven,
    }

    public void Add(IEnumerable<GitHubGraphCommit> commits)
    {
        foreach (var commit in commits)
        {
            // A commit listed with all its parents wins over the same commit listed without (the parents never change).
            if (commit.Parents is not null || !_commits.ContainsKey(commit.Oid))
            {
                _commits[commit.Oid] = commit;
            }
        }
    }

    /// <summary>
    /// <c>baseSha...head</c> in the order of GitHub's compare (chronological: committed date, then a commit after its
    /// ancestors among the range), when the fetched graph proves it.
    /// </summary>
    public (Outcome Outcome, IReadOnlyList<string> Commits) Range(string baseSha, string head)
    {
        var walked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([head]);
        var needsHistory = false;
        while (stack.TryPop(out var sha))
        {
            if (string.Equals(sha, baseSha, StringComparison.OrdinalIgnoreCase) || !walked.Add(sha))
            {
                continue;
            }

            if (!_commits.TryGetValue(sha, out var commit))
            {
                // Keep walking the other paths: one that cannot be proven at all makes more history useless.
                needsHistory = true;
                continue;
            }

            if (commit.Parents is not { Count: > 0 } parents)
            {
                return (Outcome.Unproven, []);
            }

            foreach (var parent in parents)
            {
                stack.Push(parent);
            }
        }

        if (needsHistory)
        {
            return (Outcome.NeedsHistory, []);
        }

        var ordered = Chronological(walked);
        return ordered is null ? (Outcome.Unproven, []) : (Outcome.Proven, ordered);
    }

    /// <summary>Oldest first; null when two commits share a date and neither sorts after the other by ancestry.</summary>
    private List<string>? Chronological(HashSet<string> range)
    {
        var byDate = range.Select(sha => _commits[sha]).GroupBy(c => c.CommittedDate).OrderBy(g => g.Key).ToList();
        var ordered = new List<string>(range.Count);
        foreach (var sameDate in byDate)
        {
            if (sameDate.Count() == 1)
            {
                ordered.Add(sameDate.First().Oid);
                continue;
            }

            var ranked = sameDate.Select(c => (c.Oid, Ancestors: AncestorsWithin(c.Oid, range))).OrderBy(c => c.Ancestors).ToList();
            if (ranked.Zip(ranked.Skip(1)).Any(pair => pair.First.Ancestors == pair.Second.Ancestors))
            {
                return null;
            }

            ordered.AddRange(ranked.Select(c => c.Oid));
        }

        return ordered;
    }

    /// <summary>The commit and its ancestors inside the range.</summary>
    private int AncestorsWithin(string sha, HashSet<string> range)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([sha]);
        while (stack.TryPop(out var next))
        {
            if (range.Contains(next) && seen.Add(next))
            {
                foreach (var parent in _commits[next].Parents!)
                {
                    stack.Push(parent);
                }
            }
        }

        return seen.Count;
    }
}
