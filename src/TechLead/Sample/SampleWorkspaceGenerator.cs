using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TechLead.Activity;

namespace TechLead.Sample;

/// <summary>
/// A deterministic, seeded, realistic team: three repositories with skewed cycle times and quiet weekends,
/// deployments, releases, incidents with a hotfix, a revert, tech-debt issues, bot dependency updates, CI runs
/// with flaky reruns, ADR files and Jira-like work items. Everything is marked <see cref="Origins.Sample"/>.
/// </summary>
public sealed class SampleWorkspaceGenerator
{
    public static readonly IReadOnlyList<RepositoryName> Repositories =
    [
        RepositoryName.Parse("sample-org/checkout-api"),
        RepositoryName.Parse("sample-org/storefront-web"),
        RepositoryName.Parse("sample-org/platform-infra"),
    ];

    private static readonly string[] People = ["amara", "bao", "carmen", "dmitri", "elif", "farid", "gwen"];
    private static readonly string[] Areas = ["checkout", "cart", "payments", "search", "login", "invoices", "catalog", "shipping", "profile", "notifications"];
    private static readonly string[] Packages = ["Azure.Identity", "Polly", "react", "eslint", "terraform-provider-azurerm", "Serilog", "vite", "xunit"];

    // Per repository: PRs per working day, days of the week it deploys, deployment source.
    private static readonly (double PrsPerDay, DayOfWeek[] DeployDays)[] Profiles =
    [
        (1.6, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]),
        (1.1, [DayOfWeek.Tuesday, DayOfWeek.Thursday]),
        (0.5, [DayOfWeek.Wednesday]),
    ];

    /// <summary>Generates <paramref name="weeks"/> weeks of activity ending at <paramref name="end"/> (exclusive).</summary>
    public ActivityBatch Generate(int seed, int weeks, DateTimeOffset end)
    {
        var random = new Random(seed);
        var start = end.AddDays(-7 * weeks);
        var batch = new Builder();
        for (var r = 0; r < Repositories.Count; r++)
        {
            GenerateRepository(random, Repositories[r], Profiles[r], start, end, batch);
        }

        GenerateAdrs(Repositories[0], start, end, batch);
        GenerateWorkItems(random, batch, start, end);
        return batch.ToBatch();
    }

    private static void GenerateRepository(Random random, RepositoryName repo, (double PrsPerDay, DayOfWeek[] DeployDays) profile,
        DateTimeOffset start, DateTimeOffset end, Builder batch)
    {
        var number = 100;
        var merged = new List<PullRequestRecord>();

        for (var day = start; day < end; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var count = Poisson(random, weekend ? profile.PrsPerDay * 0.08 : profile.PrsPerDay);
            for (var i = 0; i < count; i++)
            {
                var pr = HumanPullRequest(random, repo, ++number, day.AddHours(8 + (random.NextDouble() * 9)), end);
                batch.PullRequests.Add(pr);
                if (pr.IsMerged)
                {
                    merged.Add(pr);
                }
            }

            // Bots open dependency updates on Monday mornings.
            if (day.DayOfWeek == DayOfWeek.Monday && random.NextDouble() < 0.8)
            {
                var bump = BotPullRequest(random, repo, ++number, day.AddHours(6), end);
                batch.PullRequests.Add(bump);
                if (bump.IsMerged)
                {
                    merged.Add(bump);
                }
            }
        }

        var deployments = Deploy(random, repo, profile.DeployDays, merged, start, end, batch);
        AddRevertAndHotfix(random, repo, ref number, deployments, end, batch);
        AddTechDebtIssues(random, repo, start, end, batch);
        AddWorkflowRuns(random, repo, merged, batch);
    }

    private static PullRequestRecord HumanPullRequest(Random random, RepositoryName repo, int number, DateTimeOffset opened, DateTimeOffset end)
    {
        var author = People[random.Next(People.Length)];
        var (kind, label) = PickKind(random);
        var area = Areas[random.Next(Areas.Length)];
        var title = Title(random, kind, area);
        var firstCommit = opened - Hours(LogNormal(random, median: 7, sigma: 1.1));
        var firstReview = SkipWeekend(opened + Hours(LogNormal(random, median: 3.5, sigma: 1.2)));
        var mergedAt = SkipWeekend(firstReview + Hours(LogNormal(random, median: 5, sigma: 1.3)));
        var abandoned = random.NextDouble() < 0.06;
        var lines = (int)LogNormal(random, median: 90, sigma: 1.1);
        var isOpen = mergedAt >= end;
        var reviewer = People[(Array.IndexOf(People, author) + 1 + random.Next(People.Length - 1)) % People.Length];
        return new PullRequestRecord
        {
            Repository = repo,
            Number = number,
            Title = title,
            Author = author,
            Labels = label is null ? [] : [label],
            HeadBranch = $"{author}/{area}-{number}",
            CreatedAt = opened,
            ReadyForReviewAt = opened,
            FirstCommitAt = firstCommit,
            FirstReviewAt = firstReview < end ? firstReview : null,
            FirstReviewerKind = firstReview < end ? "human" : null,
            ReviewRounds = firstReview < end ? 1 + Poisson(random, 0.6) : 0,
            Reviewers = firstReview < end ? [reviewer] : [],
            MergedAt = abandoned || isOpen ? null : mergedAt,
            ClosedAt = abandoned ? mergedAt : isOpen ? null : mergedAt,
            UpdatedAt = isOpen ? Min(firstReview, end.AddMinutes(-1)) : mergedAt,
            MergeCommitSha = abandoned || isOpen ? null : Sha(repo, number),
            Additions = (int)(lines * 0.7),
            Deletions = (int)(lines * 0.3),
            ChangedFiles = 1 + (lines / 40),
            Files = Enumerable.Range(0, Math.Min(1 + (lines / 40), 8)).Select(f => $"src/{area}/{area}{(f == 0 ? "" : f.ToString(CultureInfo.InvariantCulture))}.cs").ToArray(),
            Origin = Origins.Sample,
        };
    }

    private static PullRequestRecord BotPullRequest(Random random, RepositoryName repo, int number, DateTimeOffset opened, DateTimeOffset end)
    {
        var package = Packages[random.Next(Packages.Length)];
        var minor = random.Next(1, 20);
        var mergedAt = opened + Hours(LogNormal(random, median: 30, sigma: 0.9));
        var left = random.NextDouble() < 0.25 || mergedAt >= end;
        var bot = random.NextDouble() < 0.7 ? "dependabot[bot]" : "renovate[bot]";
        return new PullRequestRecord
        {
            Repository = repo,
            Number = number,
            Title = $"Bump {package} from 2.{minor}.0 to 2.{minor + 1}.0",
            Author = bot,
            AuthorIsBot = true,
            Labels = ["dependencies"],
            HeadBranch = $"dependabot/nuget/{package}-2.{minor + 1}.0",
            CreatedAt = opened,
            ReadyForReviewAt = opened,
            FirstCommitAt = opened.AddMinutes(-2),
            FirstReviewAt = left ? null : mergedAt.AddMinutes(-20),
            FirstReviewerKind = left ? null : "human",
            ReviewRounds = left ? 0 : 1,
            Reviewers = left ? [] : [People[random.Next(People.Length)]],
            MergedAt = left ? null : mergedAt,
            ClosedAt = left ? null : mergedAt,
            UpdatedAt = left ? opened : mergedAt,
            MergeCommitSha = left ? null : Sha(repo, number),
            Additions = 2,
            Deletions = 2,
            ChangedFiles = 1,
            Files = ["Directory.Packages.props"],
            Origin = Origins.Sample,
        };
    }

    private static List<DeploymentRecord> Deploy(Random random, RepositoryName repo, DayOfWeek[] deployDays, List<PullRequestRecord> merged,
        DateTimeOffset start, DateTimeOffset end, Builder batch)
    {
        var deployments = new List<DeploymentRecord>();
        var pending = merged.OrderBy(p => p.MergedAt).ToList();
        var sequence = 0;
        for (var day = start; day < end; day = day.AddDays(1))
        {
            if (!deployDays.Contains(day.DayOfWeek) || random.NextDouble() < 0.1)
            {
                continue;
            }

            var at = day.AddHours(15).AddMinutes(random.Next(0, 50));
            var shipped = pending.Where(p => p.MergedAt < at).ToList();
            if (shipped.Count == 0 || at >= end)
            {
                continue;
            }

            pending.RemoveAll(shipped.Contains);
            deployments.Add(Deployment(repo, ++sequence, at, shipped, batch));
        }

        return deployments;
    }

    private static DeploymentRecord Deployment(RepositoryName repo, int sequence, DateTimeOffset at, List<PullRequestRecord> shipped, Builder batch)
    {
        var tag = string.Create(CultureInfo.InvariantCulture, $"v1.{sequence}.0");
        var deployment = new DeploymentRecord
        {
            Repository = repo,
            Id = string.Create(CultureInfo.InvariantCulture, $"deploy-{sequence:D4}"),
            Environment = "production",
            Sha = shipped[^1].MergeCommitSha!,
            DeployedAt = at,
            IncludedShas = shipped.Select(p => p.MergeCommitSha!).ToArray(),
            Origin = Origins.Sample,
        };
        batch.Deployments.Add(deployment);
        batch.Releases.Add(new ReleaseRecord
        {
            Repository = repo,
            Tag = tag,
            Name = $"{repo.Name} {tag}",
            PublishedAt = at.AddMinutes(-10),
            TargetSha = deployment.Sha,
            Origin = Origins.Sample,
        });
        return deployment;
    }

    /// <summary>After one deployment an incident is opened; a hotfix ships the same day. Another deployment is reverted.</summary>
    private static void AddRevertAndHotfix(Random random, RepositoryName repo, ref int number, List<DeploymentRecord> deployments, DateTimeOffset end, Builder batch)
    {
        if (deployments.Count < 6)
        {
            return;
        }

        var incidentAfter = deployments[deployments.Count / 2];
        var opened = incidentAfter.DeployedAt.AddMinutes(45 + random.Next(60));
        var hotfixMerged = opened.AddHours(2.5);
        batch.Issues.Add(new IssueRecord
        {
            Repository = repo,
            Number = ++number,
            Title = "Checkout returns 500 for saved cards",
            Labels = ["incident", "sev2"],
            State = "closed",
            HasOwner = true,
            CreatedAt = opened,
            ClosedAt = hotfixMerged.AddHours(1),
            UpdatedAt = hotfixMerged.AddHours(1),
            Origin = Origins.Sample,
        });
        var hotfix = new PullRequestRecord
        {
            Repository = repo,
            Number = ++number,
            Title = "hotfix: handle missing card token in checkout",
            Author = People[random.Next(People.Length)],
            Labels = ["bug", "hotfix"],
            HeadBranch = "hotfix/card-token",
            CreatedAt = opened.AddMinutes(40),
            ReadyForReviewAt = opened.AddMinutes(40),
            FirstCommitAt = opened.AddMinutes(20),
            FirstReviewAt = opened.AddMinutes(70),
            FirstReviewerKind = "human",
            ReviewRounds = 1,
            Reviewers = [People[0]],
            MergedAt = hotfixMerged,
            ClosedAt = hotfixMerged,
            UpdatedAt = hotfixMerged,
            MergeCommitSha = Sha(repo, number),
            Additions = 14,
            Deletions = 3,
            ChangedFiles = 2,
            Files = ["src/checkout/checkout.cs", "tests/checkout/checkout_tests.cs"],
            Origin = Origins.Sample,
        };
        batch.PullRequests.Add(hotfix);
        batch.Deployments.Add(new DeploymentRecord
        {
            Repository = repo,
            Id = $"deploy-hotfix-{hotfix.Number}",
            Environment = "production",
            Sha = hotfix.MergeCommitSha!,
            DeployedAt = hotfixMerged.AddMinutes(25),
            IncludedShas = [hotfix.MergeCommitSha!],
            Origin = Origins.Sample,
        });

        // A revert of a PR shipped by a later deployment.
        var reverted = deployments[(deployments.Count * 3) / 4];
        var revertedPr = batch.PullRequests.First(p => p.MergeCommitSha == reverted.IncludedShas[0]);
        var revertAt = reverted.DeployedAt.AddHours(3);
        if (revertAt.AddHours(1) >= end)
        {
            return;
        }

        var revert = new PullRequestRecord
        {
            Repository = repo,
            Number = ++number,
            Title = $"Revert \"{revertedPr.Title}\"",
            Author = revertedPr.Author,
            Labels = [],
            HeadBranch = $"revert-{revertedPr.Number}-{revertedPr.HeadBranch.Replace('/', '-')}",
            CreatedAt = revertAt,
            ReadyForReviewAt = revertAt,
            FirstCommitAt = revertAt.AddMinutes(-5),
            FirstReviewAt = revertAt.AddMinutes(15),
            FirstReviewerKind = "human",
            ReviewRounds = 1,
            Reviewers = [People[1]],
            MergedAt = revertAt.AddMinutes(30),
            ClosedAt = revertAt.AddMinutes(30),
            UpdatedAt = revertAt.AddMinutes(30),
            MergeCommitSha = Sha(repo, number),
            Additions = revertedPr.Deletions,
            Deletions = revertedPr.Additions,
            ChangedFiles = revertedPr.ChangedFiles,
            Files = revertedPr.Files,
            RevertsNumber = revertedPr.Number,
            Origin = Origins.Sample,
        };
        batch.PullRequests.Add(revert);
        batch.Deployments.Add(new DeploymentRecord
        {
            Repository = repo,
            Id = $"deploy-revert-{revert.Number}",
            Environment = "production",
            Sha = revert.MergeCommitSha!,
            DeployedAt = revert.MergedAt!.Value.AddMinutes(20),
            IncludedShas = [revert.MergeCommitSha!],
            Origin = Origins.Sample,
        });
    }

    private static void AddTechDebtIssues(Random random, RepositoryName repo, DateTimeOffset start, DateTimeOffset end, Builder batch)
    {
        var topics = new[] { "Replace hand-written retry loop with Polly", "Remove feature flag for old checkout", "Split OrderService (1,900 lines)",
            "Migrate off deprecated logging API", "Flaky test: PaymentsTests.RefundTimeout", "Upgrade to the supported SDK", "Delete unused cart endpoints" };
        var number = 5000;
        foreach (var topic in topics.OrderBy(_ => random.Next()).Take(4 + random.Next(3)))
        {
            var opened = start.AddDays(random.Next(0, (int)(end - start).TotalDays - 1)).AddHours(10);
            var closed = random.NextDouble() < 0.45 ? opened.AddDays(3 + random.Next(25)) : (DateTimeOffset?)null;
            if (closed >= end)
            {
                closed = null;
            }

            var accepted = closed is null && random.NextDouble() < 0.2;
            batch.Issues.Add(new IssueRecord
            {
                Repository = repo,
                Number = ++number,
                Title = topic,
                Labels = accepted ? ["tech-debt", "accepted"] : ["tech-debt"],
                State = closed is null ? "open" : "closed",
                HasOwner = random.NextDouble() < 0.6,
                CreatedAt = opened,
                ClosedAt = closed,
                UpdatedAt = closed ?? opened,
                Origin = Origins.Sample,
            });
        }
    }

    private static void AddWorkflowRuns(Random random, RepositoryName repo, List<PullRequestRecord> merged, Builder batch)
    {
        foreach (var pr in merged)
        {
            var id = 900_000L + (pr.Number * 10);
            var started = pr.MergedAt!.Value.AddSeconds(20);
            var minutes = LogNormal(random, median: 9, sigma: 0.35);
            var flaky = random.NextDouble() < 0.12;
            batch.WorkflowRuns.Add(Run(repo, id, 1, pr.MergeCommitSha!, started, minutes, flaky ? "failure" : "success"));
            if (flaky)
            {
                batch.WorkflowRuns.Add(Run(repo, id, 2, pr.MergeCommitSha!, started.AddMinutes(minutes + 4), minutes, "success"));
            }
        }
    }

    private static WorkflowRunRecord Run(RepositoryName repo, long id, int attempt, string sha, DateTimeOffset started, double minutes, string conclusion) => new()
    {
        Repository = repo,
        Id = id,
        Attempt = attempt,
        Name = "CI",
        Branch = "main",
        HeadSha = sha,
        Conclusion = conclusion,
        StartedAt = started,
        CompletedAt = started.AddMinutes(minutes),
        Origin = Origins.Sample,
    };

    private static void GenerateAdrs(RepositoryName repo, DateTimeOffset start, DateTimeOffset end, Builder batch)
    {
        foreach (var (path, content, changed) in SampleAdrs.Files(start, end))
        {
            batch.AdrFiles.Add(new AdrFileRecord
            {
                Repository = repo,
                Path = path,
                Content = content,
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))),
                LastChangedAt = changed,
                Origin = Origins.Sample,
            });
        }
    }

    /// <summary>
    /// Jira work items as Jira would send them, mapped by the real mapper: most merged PRs have an item that went
    /// To Do, In Progress, In Review, Done (a few reopened once); open PRs have items in progress; a backlog waits;
    /// two incidents were raised and resolved the same day. Three items exercise reading a week as it ended: one
    /// started and put back in the backlog within a week, one done and reopened weeks later, and an epic with stories.
    /// </summary>
    private static void GenerateWorkItems(Random random, Builder batch, DateTimeOffset start, DateTimeOffset end)
    {
        var number = 200;
        var issues = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var pr in batch.PullRequests.Where(p => !p.AuthorIsBot && random.NextDouble() < 0.6).ToList())
        {
            var (type, labels) = pr.Labels.Contains("tech-debt") ? ("Tech Debt", (string[])["tech-debt"])
                : pr.Labels.Contains("bug") ? ("Bug", [])
                : pr.Labels.Contains("feature") ? ("Story", [])
                : ("Task", []);
            var started = pr.FirstCommitAt ?? pr.CreatedAt.AddHours(-20);
            var moves = new List<(DateTimeOffset, string)> { (started, "In Progress"), (pr.CreatedAt, "In Review") };
            if (pr.MergedAt is { } merged)
            {
                moves.Add((merged, "Done"));
                if (random.NextDouble() < 0.08 && merged.AddDays(2) < end)
                {
                    moves.Add((merged.AddDays(1), "In Progress"));
                    moves.Add((merged.AddDays(2), "Done"));
                }
            }
            else if (pr.ClosedAt is not null)
            {
                continue;
            }

            issues.Add(SampleJiraIssues.Issue(++number, type, pr.Title, labels, assigned: random.NextDouble() < 0.95, started.AddDays(-2), moves,
                $"https://github.com/{pr.Repository}/pull/{pr.Number.ToString(CultureInfo.InvariantCulture)}"));
        }

        for (var i = 0; i < 10; i++)
        {
            var created = start.AddDays(random.Next(7 * 10)).AddHours(10);
            issues.Add(SampleJiraIssues.Issue(++number, i % 4 == 0 ? "Bug" : "Story", $"Backlog: {Areas[i]} improvements", [], assigned: false, created, [], null));
        }

        foreach (var weeksBack in (int[])[3, 8])
        {
            var raised = SkipWeekend(end.AddDays(-7 * weeksBack + 2).AddHours(10));
            issues.Add(SampleJiraIssues.Issue(++number, "Incident", $"Checkout errors after release ({weeksBack} weeks ago)", [], assigned: true, raised,
                [(raised.AddMinutes(20), "In Progress"), (raised.AddHours(4), "Done")], null));
        }

        // Fixed days inside a week (Tuesday to Thursday, 10:00 UTC) so each stays in the week meant in any team zone.
        DateTimeOffset Day(int weeksBack, int weekday, int hour) => WeekStart(end).AddDays(-7 * weeksBack + weekday).AddHours(hour);

        issues.Add(SampleJiraIssues.Issue(++number, "Story", "Spike: one-click reorder (back to the backlog)", [], assigned: true, Day(5, 0, 9),
            [(Day(4, 1, 10), "In Progress"), (Day(4, 3, 10), "To Do")], null));
        issues.Add(SampleJiraIssues.Issue(++number, "Bug", "Gift card balance rounds down (reopened)", [], assigned: true, Day(7, 0, 9),
            [(Day(6, 1, 10), "In Progress"), (Day(6, 2, 15), "In Review"), (Day(6, 3, 16), "Done"), (Day(3, 1, 11), "In Progress")], null));
        var epic = (Number: ++number, Summary: "Saved payment methods");
        issues.Add(SampleJiraIssues.Issue(epic.Number, "Epic", epic.Summary, [], assigned: true, Day(9, 0, 10),
            [(Day(8, 1, 10), "In Progress"), (Day(2, 2, 15), "Done")], null));
        issues.Add(SampleJiraIssues.Issue(++number, "Story", "Saved cards: store the card token", [], assigned: true, Day(9, 0, 11),
            [(Day(8, 2, 10), "In Progress"), (Day(7, 3, 12), "Done")], null, epic));
        issues.Add(SampleJiraIssues.Issue(++number, "Story", "Saved cards: pick a card at checkout", [], assigned: true, Day(9, 0, 12),
            [(Day(4, 1, 10), "In Progress"), (Day(2, 2, 14), "Done")], null, epic));

        batch.WorkItems.AddRange(SampleJiraIssues.Map(SampleJiraIssues.SearchPage(issues)));
    }

    private static (string Kind, string? Label) PickKind(Random random) => random.NextDouble() switch
    {
        < 0.42 => ("feat", "feature"),
        < 0.64 => ("fix", "bug"),
        < 0.78 => ("refactor", "tech-debt"),
        < 0.86 => ("docs", "documentation"),
        < 0.94 => ("chore", null),
        _ => ("feat", null),
    };

    private static string Title(Random random, string kind, string area) => (kind, random.Next(3)) switch
    {
        ("feat", 0) => $"feat({area}): add {area} export",
        ("feat", 1) => $"Add {area} filters to the dashboard",
        ("feat", _) => $"feat: support saved {area} preferences",
        ("fix", 0) => $"fix({area}): handle empty {area} response",
        ("fix", _) => $"Fix rounding in {area} totals",
        ("refactor", _) => $"refactor: extract {area} client and remove duplicate retries",
        ("docs", _) => $"docs: explain {area} configuration",
        _ => $"chore: tidy {area} build scripts",
    };

    /// <summary>Work that would land on a weekend waits for Monday morning: quiet weekends.</summary>
    /// <summary>Monday 00:00 UTC of the week <paramref name="end"/> falls in.</summary>
    private static DateTimeOffset WeekStart(DateTimeOffset end)
    {
        var day = new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static DateTimeOffset SkipWeekend(DateTimeOffset at) => at.DayOfWeek switch
    {
        DayOfWeek.Saturday => MondayMorning(at, 2),
        DayOfWeek.Sunday => MondayMorning(at, 1),
        _ => at,
    };

    private static DateTimeOffset MondayMorning(DateTimeOffset weekend, int days) =>
        new(weekend.UtcDateTime.Date.AddDays(days).AddHours(9 + (weekend.Hour % 3)), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Hours(double hours) => TimeSpan.FromMinutes(Math.Round(hours * 60));

    private static double LogNormal(Random random, double median, double sigma)
    {
        // Box-Muller: a standard normal from two uniforms.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }

    private static int Poisson(Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    private static string Sha(RepositoryName repo, int number) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{repo}#{number}")))[..40];

    private sealed class Builder
    {
        public List<PullRequestRecord> PullRequests { get; } = [];
        public List<DeploymentRecord> Deployments { get; } = [];
        public List<ReleaseRecord> Releases { get; } = [];
        public List<IssueRecord> Issues { get; } = [];
        public List<WorkflowRunRecord> WorkflowRuns { get; } = [];
        public List<WorkItemRecord> WorkItems { get; } = [];
        public List<AdrFileRecord> AdrFiles { get; } = [];

        public ActivityBatch ToBatch() => new()
        {
            PullRequests = PullRequests,
            Deployments = Deployments,
            Releases = Releases,
            Issues = Issues,
            WorkflowRuns = WorkflowRuns,
            WorkItems = WorkItems,
            AdrFiles = AdrFiles,
        };
    }
}
