using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// <c>scripts/bench github real [bare git repository] [weeks, default 26]</c>: the backfill of a real repository's
/// history, read with <c>git</c> from a local mirror (no network) and served by the fake GitHub: the default branch's
/// first-parent merges are the merged pull requests (their second parent the PR's head), tags on the default branch's
/// history are releases (published at their commit's date). The window is the <c>weeks</c> with the most merges, moved
/// to end an hour ago (every date shifted alike). The backfill runs twice: as the product does, then with GraphQL
/// history failing (every range compared by REST, one request each: the oracle), and every stored attribution must be
/// identical.
/// </summary>
internal static partial class GitHubRealHistoryBenchmark
{
    public const string Repository = "octo-org/real-history";
    private const string PathVariable = "TECHLEAD_BENCH_GIT_MIRROR";

    public static async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var path = arguments.Count > 0 ? arguments[0] : Environment.GetEnvironmentVariable(PathVariable);
        var weeks = arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 26;
        if (string.IsNullOrEmpty(path) || !Directory.Exists(path) || Git(path, true, "rev-parse", "--verify", "--quiet", "HEAD").Trim().Length == 0)
        {
            await Console.Error.WriteLineAsync(
                $"scripts/bench github real needs a git repository's directory (a bare mirror; nothing is fetched at run time): '{path}' is not one.\n"
                + "Get one with, for example:\n"
                + "  git clone --mirror https://github.com/octokit/octokit.net.git /tmp/octokit.net.git\n"
                + $"then: scripts/bench github real /tmp/octokit.net.git [weeks, default 26]   (or set {PathVariable}=/tmp/octokit.net.git)");
            Environment.Exit(2);
        }

        using var github = FakeGitHub.Start();
        var derived = Derive(github.AddRepository(Repository), path, weeks);
        output.WriteLine($"### Backfill of a real history: `scripts/bench github real {path} {weeks}`\n");
        output.WriteLine($"Repository: {derived.Origin}, branch `{derived.Branch}` at {derived.Head}; window {derived.From:yyyy-MM-dd} to {derived.To:yyyy-MM-dd} "
            + $"({weeks} weeks with the most merges), moved to end an hour ago. {derived.Repository.PullRequests.Count:N0} merged pull requests (first-parent merges), "
            + $"{derived.Repository.Releases.Count} releases (tags on the branch's history), {derived.Repository.Commits.Count:N0} commits.\n");

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var (batched, batchedRequests, batchedTime) = await BackfillAsync(azurite, github, cancellationToken);
            github.ResetRequests();
            IReadOnlyList<string> oracle;
            IReadOnlyList<FakeRequest> oracleRequests;
            TimeSpan oracleTime;
            using (github.Intercept(r => r.Operation == "CommitHistories" ? new FakeResponse(502, """{"message":"Server Error"}""") : null))
            {
                (oracle, oracleRequests, oracleTime) = await BackfillAsync(azurite, github, cancellationToken);
            }

            var merged = derived.Repository.PullRequests.Count;
            var differing = batched.Zip(oracle).Count(pair => pair.First != pair.Second) + Math.Abs(batched.Count - oracle.Count);
            output.WriteLine("| run | all backfill requests | per merged PR | compare (REST) | GraphQL CommitHistories | wall time |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|");
            output.WriteLine(Row("history pages, ranges proven on our side", batchedRequests, merged, batchedTime));
            output.WriteLine(Row("REST only (history query failing: one compare per range)", oracleRequests, merged, oracleTime));
            output.WriteLine();
            output.WriteLine($"By resource: {GitHubBenchmark.ByResource(batchedRequests)}.\n");
            var byMethod = string.Join(", ", batched.GroupBy(r => r.Split(' ')[2]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            output.WriteLine($"Releases stored: {batched.Count} (by method: {byMethod}); attributions differing from the REST-only run: **{differing}**; "
                + $"requests answered with an error (the REST-only run's failing history query aside): {batchedRequests.Count(r => r.Status >= 400)}.\n");
            if (differing > 0)
            {
                foreach (var (mine, theirs) in batched.Zip(oracle).Where(p => p.First != p.Second).Take(5))
                {
                    output.WriteLine($"- differs: `{mine[..Math.Min(mine.Length, 200)]}` vs `{theirs[..Math.Min(theirs.Length, 200)]}`");
                }

                throw new InvalidOperationException($"{differing} attributions differ from the REST-only run");
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static string Row(string run, IReadOnlyList<FakeRequest> requests, int merged, TimeSpan elapsed) =>
        $"| {run} | {requests.Count:N0} | **{(double)requests.Count / merged:0.0000}** | {requests.Count(r => r.Path.Contains("/compare/", StringComparison.Ordinal))} "
        + $"| {requests.Count(r => r.Operation == "CommitHistories")} | {elapsed.TotalSeconds:0.0} s |";

    /// <summary>One backfill into fresh tables; every stored release's attribution, oldest first.</summary>
    private static async Task<(IReadOnlyList<string> Attributions, IReadOnlyList<FakeRequest> Requests, TimeSpan Elapsed)> BackfillAsync(
        AzuriteFixture azurite, FakeGitHub github, CancellationToken cancellationToken)
    {
        using var host = GitHubBenchmark.Host(azurite, github, Repository);
        var clock = Stopwatch.StartNew();
        var result = await host.Services.GetRequiredService<GitHubSyncJob>().SyncAsync(null, cancellationToken);
        clock.Stop();
        GitHubBenchmark.Require(result);
        var requests = github.Requests;
        var releases = await host.Services.GetRequiredService<ActivityStore>()
            .QueryAsync(ReleaseMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(Repository)), null, cancellationToken);
        return (releases.OrderBy(r => r.PublishedAt).ThenBy(r => r.Tag, StringComparer.Ordinal)
            .Select(r => $"{r.Tag} {r.TagSha} {r.Ancestry?.Method} {r.Ancestry?.BaseSha} {r.Ancestry?.BaseId} {r.Ancestry?.MergeBaseSha} {r.Ancestry?.TotalCommits} {string.Join(",", r.IncludedShas)}")
            .ToList(), requests, clock.Elapsed);
    }

    private sealed record Derived(FakeRepository Repository, string Origin, string Branch, string Head, DateTimeOffset From, DateTimeOffset To);

    /// <summary>The mirror's history as the fake GitHub's data (see the class summary).</summary>
    private static Derived Derive(FakeRepository repository, string path, int weeks)
    {
        var branch = Git(path, "symbolic-ref", "--short", "HEAD").Trim();
        var origin = Git(path, true, "config", "--get", "remote.origin.url").Trim();
        var commits = new Dictionary<string, (string[] Parents, DateTimeOffset Date, string Subject)>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Lines(Git(path, "log", "--format=%H%x09%P%x09%ct%x09%s", "HEAD")))
        {
            var fields = line.Split('\t', 4);
            commits[fields[0]] = (fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries),
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[2], CultureInfo.InvariantCulture)), fields.Length > 3 ? fields[3] : "");
        }

        var firstParent = Lines(Git(path, "log", "--first-parent", "--format=%H", "HEAD")).ToList();
        var merges = firstParent.Where(sha => commits[sha].Parents.Length > 1).Select(sha => (Sha: sha, commits[sha].Date)).OrderBy(m => m.Date).ToList();
        if (merges.Count == 0)
        {
            throw new InvalidOperationException($"{path}: the default branch {branch} has no merge commits on its first-parent history");
        }

        // The window with the most merges: it starts at a merge.
        var span = TimeSpan.FromDays(7 * weeks);
        var (bestStart, bestCount, end) = (0, 0, 0);
        for (var i = 0; i < merges.Count; i++)
        {
            while (end < merges.Count && merges[end].Date <= merges[i].Date + span)
            {
                end++;
            }

            if (end - i > bestCount)
            {
                (bestStart, bestCount) = (i, end - i);
            }
        }

        var from = merges[bestStart].Date;
        var to = merges[bestStart + bestCount - 1].Date;
        var head = firstParent.First(sha => commits[sha].Date <= to);
        var shift = TimeProvider.System.GetUtcNow().AddHours(-1) - to;

        repository.PushedAt = to + shift;
        var reachable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([head]);
        while (stack.TryPop(out var sha))
        {
            if (reachable.Add(sha) && commits.TryGetValue(sha, out var commit))
            {
                repository.Commits[sha] = new FakeCommit(sha, commit.Parents, commit.Date + shift, commit.Subject);
                foreach (var parent in commit.Parents)
                {
                    stack.Push(parent);
                }
            }
        }

        repository.Branches[repository.DefaultBranch] = head;
        var number = 1_000_000;
        var numbers = new HashSet<int>();
        foreach (var (sha, date) in merges.Skip(bestStart).Take(bestCount).Where(m => reachable.Contains(m.Sha)))
        {
            var (parents, _, subject) = commits[sha];
            var match = PullRequestMerge().Match(subject);
            var prNumber = match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var n) && numbers.Add(n) ? n : ++number;
            var merged = date + shift;
            var branchHead = commits.TryGetValue(parents[1], out var second) ? second.Date + shift : merged;
            var pr = new FakePullRequest
            {
                Number = prNumber,
                Title = subject,
                HeadBranch = match.Success ? match.Groups[2].Value : $"branch-{prNumber}",
                CreatedAt = (branchHead < merged ? branchHead : merged).AddHours(-1),
                FirstCommitAt = (branchHead < merged ? branchHead : merged).AddHours(-2),
            }.Merged(merged);
            pr.MergeCommitSha = sha;
            repository.PullRequests.Add(pr);
        }

        // Tags whose commit is on the branch's history: in the window, and the one before it (the first one's base).
        var tags = Lines(Git(path, "for-each-ref", "--format=%(refname:strip=2)%09%(objectname)%09%(*objectname)", "refs/tags"))
            .Select(line => line.Split('\t'))
            .Select(f => (Tag: f[0], Sha: f.Length > 2 && f[2].Length > 0 ? f[2] : f[1]))
            .Where(t => reachable.Contains(t.Sha) && commits.ContainsKey(t.Sha))
            .OrderBy(t => commits[t.Sha].Date).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .ToList();
        var firstInWindow = tags.FindIndex(t => commits[t.Sha].Date >= from);
        var release = 90_000L;
        foreach (var (tag, sha) in tags.Skip(firstInWindow < 0 ? Math.Max(0, tags.Count - 1) : Math.Max(0, firstInWindow - 1)))
        {
            repository.Tags[tag] = sha;
            var at = commits[sha].Date + shift;
            repository.Releases.Add(new FakeRelease { Id = release++, Tag = tag, Name = tag, CreatedAt = at, PublishedAt = at.AddMinutes(10) });
        }

        return new Derived(repository, origin.Length > 0 ? origin : path, branch, head, from, to);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Git(string path, params string[] arguments) => Git(path, false, arguments);

    private static string Git(string path, bool allowFailure, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--git-dir=" + path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var stdout = git.StandardOutput.ReadToEndAsync();
        var stderr = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {path}: {stderr.Trim()}");
        }

        return stdout.Result;
    }

    [GeneratedRegex(@"^Merge pull request #(\d+) from (\S+)")]
    private static partial Regex PullRequestMerge();
}
