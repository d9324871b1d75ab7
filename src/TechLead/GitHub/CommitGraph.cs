namespace TechLead.GitHub;

/// <summary>
/// The part of a repository's commit graph fetched from GraphQL history pages (of heads and of bases), and
/// <c>base...head</c> (commits reachable from head and not from base, as <c>git rev-list base..head</c>) where that part
/// proves it. The walk from head stops at base and at every commit base's fetched history reaches (an ancestor of base,
/// outside the range); every path must end there, through commits whose parents are all known, and base must be
/// reached (base is an ancestor of head: compare says "ahead"). A walked commit is then outside base's ancestry when
/// base is its ancestor, or when every commit behind base's fetched history (the frontier) is an ancestor of one of
/// the base ancestors it reaches: it would otherwise be its own ancestor. A path that leaves the fetched part, or a
/// frontier not ruled out, asks for more history (head's or base's); one that ends at a root commit or an octopus
/// merge, a base not reached (a rewritten base, a rollback), or an order GitHub's compare could break differently, is
/// not proven: REST compares that range.
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

    /// <summary><paramref name="Missing"/>: commits the head's walk reached but the fetched graph does not hold (their own history may).</summary>
    public sealed record Answer(Outcome Outcome, IReadOnlyList<string> Commits, bool MoreOfHead = false, bool MoreOfBase = false, IReadOnlyList<string>? Missing = null);

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
    /// ancestors among the range), when the fetched graph proves it; when it needs history, which side's (the head's
    /// walk left the fetched graph; the base's fetched ancestry does not reach far enough to rule a commit out).
    /// </summary>
    public Answer Range(string baseSha, string head)
    {
        var (ofBase, frontier) = AncestorsOf(baseSha);
        var walked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var landings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([head]);
        var missing = new List<string>();
        while (stack.TryPop(out var sha))
        {
            if (ofBase.Contains(sha))
            {
                // An ancestor of base (base itself, or a commit the base's history reaches): outside the range, as in
                // `git rev-list base..head`.
                landings.Add(sha);
                continue;
            }

            if (!walked.Add(sha))
            {
                continue;
            }

            if (!_commits.TryGetValue(sha, out var commit) || commit.Parents is null)
            {
                // Keep walking the other paths: one that cannot be proven at all makes more history useless.
                missing.Add(sha);
                continue;
            }

            if (commit.Parents.Count == 0)
            {
                return new Answer(Outcome.Unproven, []);
            }

            foreach (var parent in commit.Parents)
            {
                stack.Push(parent);
            }
        }

        if (missing.Count > 0)
        {
            // Paths that reached ancestors of base other than base itself may end behind base's fetched history too.
            return new Answer(Outcome.NeedsHistory, [], MoreOfHead: true, MoreOfBase: landings.Count > 1, missing);
        }

        // Base must be reached (an ancestor of head: compare says "ahead"; otherwise it is diverged or behind, for REST).
        if (!landings.Contains(baseSha))
        {
            return new Answer(Outcome.Unproven, []);
        }

        if (!OutsideBase(walked, landings, baseSha, frontier))
        {
            return new Answer(Outcome.NeedsHistory, [], MoreOfHead: false, MoreOfBase: true);
        }

        var ordered = Chronological(walked);
        return new Answer(ordered is null ? Outcome.Unproven : Outcome.Proven, ordered ?? []);
    }

    /// <summary>
    /// Base and the commits its fetched history reaches (all ancestors of base), and of those the ones whose parents
    /// are not known: the frontier behind which the rest of base's ancestry lies.
    /// </summary>
    private (HashSet<string> Ancestors, HashSet<string> Frontier) AncestorsOf(string baseSha)
    {
        var ancestors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var frontier = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([baseSha]);
        while (stack.TryPop(out var sha))
        {
            if (!ancestors.Add(sha))
            {
                continue;
            }

            if (!_commits.TryGetValue(sha, out var commit) || commit.Parents is null)
            {
                frontier.Add(sha);
                continue;
            }

            foreach (var parent in commit.Parents)
            {
                stack.Push(parent);
            }
        }

        return (ancestors, frontier);
    }

    /// <summary>
    /// Whether no walked commit can be an ancestor of base. One that is would lie behind the frontier of base's fetched
    /// history, and so would every known ancestor of it (its landings, the ancestors of base it reaches). A commit
    /// whose paths reach base itself is safe (base is its ancestor: no cycles), and so is one whose landings have every
    /// frontier commit as an ancestor or themselves (the commit would be its own ancestor). Any other is unproven:
    /// more of base's history may prove it.
    /// </summary>
    private bool OutsideBase(HashSet<string> walked, HashSet<string> landings, string baseSha, HashSet<string> frontier)
    {
        if (landings.Count == 1 || frontier.Count == 0)
        {
            return true;
        }

        var covered = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var landing in landings)
        {
            covered[landing] = string.Equals(landing, baseSha, StringComparison.OrdinalIgnoreCase) ? frontier : FrontierBehind(landing, frontier);
        }

        // Children before parents' results are needed: resolve walked commits depth first, iteratively.
        var stack = new Stack<(string Sha, bool Expanded)>(walked.Select(s => (s, false)));
        while (stack.TryPop(out var item))
        {
            if (covered.ContainsKey(item.Sha))
            {
                continue;
            }

            var parents = _commits[item.Sha].Parents!;
            if (!item.Expanded)
            {
                stack.Push((item.Sha, true));
                foreach (var parent in parents.Where(p => !covered.ContainsKey(p)))
                {
                    stack.Push((parent, false));
                }

                continue;
            }

            var union = parents.Select(p => covered[p]).FirstOrDefault(c => c.Count == frontier.Count);
            if (union is null)
            {
                union = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var parent in parents)
                {
                    union.UnionWith(covered[parent]);
                }
            }

            if (union.Count < frontier.Count)
            {
                return false;
            }

            covered[item.Sha] = union;
        }

        return true;
    }

    /// <summary>The frontier commits that are <paramref name="sha"/> or its known ancestors.</summary>
    private HashSet<string> FrontierBehind(string sha, HashSet<string> frontier)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([sha]);
        while (stack.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            if (frontier.Contains(next))
            {
                found.Add(next);
                continue;
            }

            foreach (var parent in _commits[next].Parents!)
            {
                stack.Push(parent);
            }
        }

        return found;
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
