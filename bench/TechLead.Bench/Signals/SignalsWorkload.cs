using System.Globalization;
using TechLead.Activity;
using TechLead.Signals;

namespace TechLead.Bench.Signals;

/// <summary>
/// A generated team for the signals benchmark: 20 repositories and 52 weeks of PRs, deployments that list the
/// commits they ship, incidents after deployments, hotfixes, reverts, debt issues, dependency updates and CI runs
/// (one per merged PR, 10% red then green on a rerun). Deterministic for a seed. Deployments are a tenth of the PRs
/// and incidents a twenty-fifth, so 50,000 PRs come with 5,000 deployments and 2,000 incidents.
/// </summary>
internal sealed class SignalsWorkload
{
    public const int RepositoryCount = 20;
    public const int Weeks = 52;

    private static readonly string[] Reviewers = ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"];
    private static readonly string[] DebtLabels = ["tech-debt"];
    private static readonly string[] FeatureLabels = ["feature"];
    private static readonly string[] DependencyLabels = ["dependencies"];
    private static readonly string[] IncidentLabels = ["incident"];
    private static readonly string[] AcceptedDebtLabels = ["tech-debt", "accepted"];

    public static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private SignalsWorkload(ActivityBatch batch, IReadOnlyList<RepositoryName> repositories)
    {
        Batch = batch;
        Repositories = repositories;
    }

    public ActivityBatch Batch { get; }

    public IReadOnlyList<RepositoryName> Repositories { get; }

    public static SignalsWorkload Generate(int pullRequests, int seed = 17)
    {
        var random = new Random(seed);
        var start = End.AddDays(-7 * Weeks);
        var span = (End - start).TotalHours;
        var repositories = Enumerable.Range(0, RepositoryCount)
            .Select(i => RepositoryName.Parse(string.Create(CultureInfo.InvariantCulture, $"bench-org/service-{i:D2}")))
            .ToArray();
        var files = repositories.Select(_ => Enumerable.Range(0, 200).Select(f => string.Create(CultureInfo.InvariantCulture, $"src/module{f % 20}/file{f}.cs")).ToArray()).ToArray();

        var prs = new List<PullRequestRecord>(pullRequests);
        var byRepository = repositories.ToDictionary(r => r, _ => new List<PullRequestRecord>());
        for (var i = 0; i < pullRequests; i++)
        {
            var r = i % RepositoryCount;
            var repository = repositories[r];
            var number = (i / RepositoryCount) + 1;
            var opened = start.AddHours(random.NextDouble() * span);
            var bot = random.NextDouble() < 0.05;
            var reviewed = bot || random.NextDouble() < 0.9;
            var firstReview = opened.AddHours(LogNormal(random, 3, 1.1));
            var merged = (reviewed ? firstReview : opened).AddHours(LogNormal(random, 4, 1.2));
            var isMerged = merged < End && random.NextDouble() < 0.94;
            var kind = random.NextDouble();
            var previous = byRepository[repository];
            var revertOf = !bot && kind < 0.01 && previous.Count > 10 ? previous[^(1 + random.Next(5))] : null;
            var pr = new PullRequestRecord
            {
                Repository = repository,
                Number = number,
                Title = revertOf is not null ? $"Revert \"{revertOf.Title}\"" : bot ? "Bump a package" : kind < 0.04 ? "hotfix: guard against a null" : "Change",
                Author = bot ? "dependabot[bot]" : Reviewers[random.Next(Reviewers.Length)],
                AuthorIsBot = bot,
                Labels = bot ? DependencyLabels : kind is >= 0.04 and < 0.16 ? DebtLabels : FeatureLabels,
                CreatedAt = opened,
                FirstCommitAt = opened.AddHours(-LogNormal(random, 6, 1.0)),
                FirstReviewAt = reviewed && firstReview < End ? firstReview : null,
                FirstReviewerKind = reviewed && firstReview < End ? "human" : null,
                ReviewRounds = reviewed ? 1 + random.Next(3) : 0,
                Reviewers = reviewed ? [Reviewers[random.Next(Reviewers.Length)]] : [],
                MergedAt = isMerged ? merged : null,
                ClosedAt = isMerged ? merged : null,
                UpdatedAt = isMerged ? merged : opened,
                MergeCommitSha = isMerged ? string.Create(CultureInfo.InvariantCulture, $"{r:D2}{number:D38}") : null,
                Additions = (int)LogNormal(random, 60, 1.0),
                Deletions = (int)LogNormal(random, 20, 1.0),
                ChangedFiles = 1 + random.Next(4),
                Files = bot ? ["Directory.Packages.props"] : Enumerable.Range(0, 1 + random.Next(3)).Select(_ => files[r][random.Next(200)]).ToArray(),
                RevertsNumber = revertOf?.Number,
                Origin = Origins.GitHub,
            };
            prs.Add(pr);
            previous.Add(pr);
        }

        var deployments = new List<DeploymentRecord>(pullRequests / 10);
        foreach (var repository in repositories)
        {
            var merged = byRepository[repository].Where(p => p.MergedAt is not null).OrderBy(p => p.MergedAt).ToList();
            var times = Enumerable.Range(0, pullRequests / 10 / RepositoryCount).Select(_ => start.AddHours(random.NextDouble() * span)).Order().ToList();
            var next = 0;
            for (var d = 0; d < times.Count; d++)
            {
                var shipped = new List<string>();
                while (next < merged.Count && merged[next].MergedAt < times[d])
                {
                    shipped.Add(merged[next++].MergeCommitSha!);
                }

                deployments.Add(new DeploymentRecord
                {
                    Repository = repository,
                    Id = string.Create(CultureInfo.InvariantCulture, $"deploy-{d:D5}"),
                    Environment = "production",
                    Sha = shipped.Count > 0 ? shipped[^1] : string.Create(CultureInfo.InvariantCulture, $"redeploy-{d}"),
                    DeployedAt = times[d],
                    IncludedShas = shipped,
                    Origin = Origins.GitHub,
                });
            }
        }

        var issues = new List<IssueRecord>();
        for (var i = 0; i < pullRequests / 25; i++)
        {
            var after = deployments[random.Next(deployments.Count)];
            var opened = after.DeployedAt.AddHours(random.NextDouble() * 72);
            issues.Add(Issue(after.Repository, 100_000 + i, "Production incident", IncidentLabels, opened, opened.AddHours(LogNormal(random, 4, 1)), owner: true));
        }

        for (var i = 0; i < pullRequests / 100; i++)
        {
            var repository = repositories[random.Next(RepositoryCount)];
            var opened = start.AddHours(random.NextDouble() * span);
            var closed = random.NextDouble() < 0.5 ? opened.AddDays(LogNormal(random, 20, 1)) : (DateTimeOffset?)null;
            issues.Add(Issue(repository, 200_000 + i, "Debt item", random.NextDouble() < 0.1 ? AcceptedDebtLabels : DebtLabels, opened,
                closed < End ? closed : null, owner: random.NextDouble() < 0.6));
        }

        var runs = new List<WorkflowRunRecord>(pullRequests);
        foreach (var pr in prs.Where(p => p.MergedAt is not null))
        {
            var id = (long)(pr.Repository.Name[^2..] is var digits ? int.Parse(digits, CultureInfo.InvariantCulture) : 0) * 10_000_000 + pr.Number;
            var flaky = random.NextDouble() < 0.1;
            var started = pr.MergedAt!.Value.AddMinutes(1);
            runs.Add(Run(pr, id, 1, started, flaky ? "failure" : "success"));
            if (flaky)
            {
                runs.Add(Run(pr, id, 2, started.AddMinutes(20), "success"));
            }
        }

        return new SignalsWorkload(
            new ActivityBatch { PullRequests = prs, Deployments = deployments, Issues = issues, WorkflowRuns = runs },
            repositories);
    }

    /// <summary>The rows a window load keeps, as <see cref="SignalLoader"/>'s queries select them, applied in memory.</summary>
    public (ActivityBatch Activity, IReadOnlySet<RepositoryName> DeployedBefore) WindowOf(SignalWeeks weeks, SignalSettings settings)
    {
        var w = SignalLoader.LoadWindows.For(weeks, settings);
        bool Between(DateTimeOffset? t, DateTimeOffset from, DateTimeOffset to) => t >= from && t < to;
        return (new ActivityBatch
        {
            PullRequests = Batch.PullRequests.Where(p => Between(p.MergedAt, w.LoadStart, w.EvidenceEnd)
                || (p.CreatedAt < w.EvidenceEnd && ((p.MergedAt is null && p.ClosedAt is null) || (p.MergedAt is null && p.ClosedAt >= w.TrendStart) || p.MergedAt >= w.EvidenceEnd))).ToArray(),
            Deployments = Batch.Deployments.Where(d => Between(d.DeployedAt, w.LoadStart, w.DeploymentsEnd)).ToArray(),
            Issues = Batch.Issues.Where(i => Between(i.CreatedAt, w.LoadStart, w.EvidenceEnd) || (i.CreatedAt < w.End && (i.State == "open" || i.ClosedAt >= w.TrendStart))).ToArray(),
            WorkflowRuns = Batch.WorkflowRuns.Where(r => Between(r.StartedAt, w.LoadStart, w.End)).ToArray(),
        }, Batch.Deployments.Where(d => d.DeployedAt < w.LoadStart).Select(d => d.Repository).ToHashSet());
    }

    private static IssueRecord Issue(RepositoryName repository, int number, string title, string[] labels, DateTimeOffset opened, DateTimeOffset? closed, bool owner) => new()
    {
        Repository = repository,
        Number = number,
        Title = title,
        Labels = labels,
        State = closed is null ? "open" : "closed",
        HasOwner = owner,
        CreatedAt = opened,
        ClosedAt = closed,
        UpdatedAt = closed ?? opened,
        Origin = Origins.GitHub,
    };

    private static WorkflowRunRecord Run(PullRequestRecord pr, long id, int attempt, DateTimeOffset started, string conclusion) => new()
    {
        Repository = pr.Repository,
        Id = id,
        Attempt = attempt,
        Name = "CI",
        Branch = "main",
        HeadSha = pr.MergeCommitSha!,
        Conclusion = conclusion,
        StartedAt = started,
        CompletedAt = started.AddMinutes(8 + (pr.Number % 7)),
        Origin = Origins.GitHub,
    };

    private static double LogNormal(Random random, double median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }
}
