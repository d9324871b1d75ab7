using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench.Digest;

/// <summary>
/// The weekly digest for N teams (default 20) through serve's queue workers: the <c>WeeklyDigest</c> job fans out one
/// message per team, the workers compose and send, and the clock stops when maildev holds the Nth mail. Each team has
/// three repositories of its own (the sample workspace, seeded per team) and its own recipient. Measured with 1 worker
/// and with the default 4 in the same run, each for a first week (no weekly snapshots yet) and the week after (the 11
/// earlier weeks from snapshots).
/// </summary>
internal sealed class DigestTeamsBenchmark : IBenchmark
{
    private const int HistoryWeeks = 20;

    public string Name => "digest-teams";

    public string Description => "N teams' digests (default 20) through serve's queue workers, 1 vs 4 workers, cold and warm snapshots, to the Nth mail in maildev.";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var teams = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 20;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var maildev = new MailDevFixture();
        await maildev.InitializeAsync();
        using var mail = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{maildev.WebPort}/") };
        var htmlDirectory = Path.Combine(Path.GetTempPath(), "techlead-digest-teams-" + Guid.NewGuid().ToString("N")[..8]);
        var tablePrefix = AzuriteFixture.NewTablePrefix();
        try
        {
            // Every team's history, stored once through the ingestion path; each round names its teams afresh, so its
            // snapshots and digest ledger start empty while the rows stay the same.
            var end = StartOfThisWeek();
            var rows = await StoreAsync(azurite, tablePrefix, teams, end, cancellationToken);

            // Warm-up (JIT, table and queue clients, SMTP): two teams, not reported.
            await RoundAsync(azurite, maildev, mail, tablePrefix, htmlDirectory, Math.Min(2, teams), workers: 4, "warmup", TimeSpan.Zero, cancellationToken);

            var results = new List<Result>();
            foreach (var workers in new[] { 1, 4 })
            {
                var tag = $"w{workers}-{Guid.NewGuid().ToString("N")[..4]}";
                // The first week the digest runs: the clock a week back, so its last complete week is the one before last.
                results.Add(await RoundAsync(azurite, maildev, mail, tablePrefix, htmlDirectory, teams, workers, tag, TimeSpan.FromDays(-7), cancellationToken) with { Round = "first week: no snapshots yet" });
                // The week after: the same teams, 11 of their 12 weeks stored as snapshots by the first run.
                results.Add(await RoundAsync(azurite, maildev, mail, tablePrefix, htmlDirectory, teams, workers, tag, TimeSpan.Zero, cancellationToken) with { Round = "next week: 11 of 12 weeks from snapshots" });
            }

            output.WriteLine($"## Weekly digest for {teams} teams through the queue");
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{teams} teams (`Teams:0` to `Teams:{teams - 1}`), each with 3 repositories of its own ({HistoryWeeks} weeks of the sample workspace, seeded per team; {rows:N0} rows in all) and a recipient of its own; real Azurite (tables, queues), real maildev (SMTP), `serve` in process with `Queues:PollInterval` at its default (1 s). Wall time from `WeeklyDigestJob.RunAsync` (one message per team) to the {teams}th mail listed by maildev's REST API."));
            output.WriteLine();
            output.WriteLine("| workers | round | wall time | ratio to 1 worker, same round | mails | teams with exactly one mail |");
            output.WriteLine("|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                var baseline = results.First(b => b.Workers == 1 && b.Round == r.Round).Wall;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Workers} | {r.Round} | {r.Wall.TotalSeconds:0.0} s | {r.Wall / baseline:0.00}x | {r.Mails} | {r.ExactlyOnce} of {teams} |"));
            }

            output.WriteLine();
        }
        finally
        {
            await maildev.DisposeAsync();
            if (Directory.Exists(htmlDirectory))
            {
                Directory.Delete(htmlDirectory, recursive: true);
            }
        }
    }

    private sealed record Result(int Workers, string Round, TimeSpan Wall, int Mails, int ExactlyOnce);

    private static DateTimeOffset StartOfThisWeek()
    {
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        return new DateTimeOffset(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), TimeSpan.Zero);
    }

    /// <summary>Team i's repositories: the sample workspace's three, under an owner of the team's own.</summary>
    private static RepositoryName Own(RepositoryName sample, int team) =>
        RepositoryName.Parse(string.Create(CultureInfo.InvariantCulture, $"team-{team:D2}/{sample.Name}"));

    private static async Task<int> StoreAsync(AzuriteFixture azurite, string tablePrefix, int teams, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var settings = TestHost.Settings(azurite, tablePrefix);
        settings["Logging:LogLevel:Default"] = "Warning";
        using var host = TestHost.Build(settings);
        var ingestor = host.Services.GetRequiredService<ActivityIngestor>();
        var generator = new SampleWorkspaceGenerator();
        var rows = 0;
        for (var t = 0; t < teams; t++)
        {
            var sample = generator.Generate(1000 + t, HistoryWeeks, end);
            // Jira work items are left out: these teams list no Jira project.
            var batch = new ActivityBatch
            {
                PullRequests = sample.PullRequests.Select(p => p with { Repository = Own(p.Repository, t), Origin = Origins.GitHub }).ToList(),
                Deployments = sample.Deployments.Select(d => d with { Repository = Own(d.Repository, t), Origin = Origins.GitHub }).ToList(),
                Releases = sample.Releases.Select(r => r with { Repository = Own(r.Repository, t), Origin = Origins.GitHub }).ToList(),
                Issues = sample.Issues.Select(i => i with { Repository = Own(i.Repository, t), Origin = Origins.GitHub }).ToList(),
                WorkflowRuns = sample.WorkflowRuns.Select(w => w with { Repository = Own(w.Repository, t), Origin = Origins.GitHub }).ToList(),
                AdrFiles = sample.AdrFiles.Select(a => a with { Repository = Own(a.Repository, t), Origin = Origins.GitHub }).ToList(),
            };
            rows += batch.Count;
            await ingestor.StoreAsync(batch, cancellationToken);
        }

        return rows;
    }

    private static async Task<Result> RoundAsync(AzuriteFixture azurite, MailDevFixture maildev, HttpClient mail, string tablePrefix, string outputDirectory,
        int teams, int workers, string tag, TimeSpan clockShift, CancellationToken cancellationToken)
    {
        using (await mail.DeleteAsync("api/email/all", cancellationToken))
        {
        }

        var settings = TestHost.Settings(azurite, tablePrefix);
        settings.Remove("Team:Name");
        settings.Remove("Digest:Recipients:0");
        settings["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Digest:OutputDirectory"] = outputDirectory;
        settings["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix();
        settings["Queues:Workers"] = workers.ToString(CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:TechLead"] = "Warning";
        for (var t = 0; t < teams; t++)
        {
            settings[$"Teams:{t}:Name"] = string.Create(CultureInfo.InvariantCulture, $"Team {t:D2} {tag}");
            var r = 0;
            foreach (var repository in SampleWorkspaceGenerator.Repositories)
            {
                settings[$"Teams:{t}:Repositories:{r++}"] = Own(repository, t).ToString();
            }

            settings[$"Teams:{t}:Recipients:0"] = Recipient(t, tag);
        }

        var time = new ShiftedTime(clockShift);
        await using var app = await ServedApp.StartAsync(settings, services => services.AddSingleton<TimeProvider>(time), queueWorkers: true);
        var started = Stopwatch.GetTimestamp();
        await app.Services.GetRequiredService<WeeklyDigestJob>().RunAsync(cancellationToken);
        List<MailSummary> mails;
        while ((mails = await MailsAsync(mail, tag, cancellationToken)).Count < teams && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        var wall = Stopwatch.GetElapsedTime(started);
        // A duplicate would arrive after the Nth mail: give the workers a moment to send one before counting.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        mails = await MailsAsync(mail, tag, cancellationToken);
        var exactlyOnce = Enumerable.Range(0, teams).Count(t => mails.Count(m => m.To.Any(a => a.Address == Recipient(t, tag))) == 1);
        return new Result(workers, "", wall, mails.Count, exactlyOnce);
    }

    private static string Recipient(int team, string tag) => string.Create(CultureInfo.InvariantCulture, $"lead-{team:D2}-{tag}@example.com");

    /// <summary>The mails of this round, from maildev's body-free listing (a page holds up to 100).</summary>
    private static async Task<List<MailSummary>> MailsAsync(HttpClient mail, string tag, CancellationToken cancellationToken)
    {
        var page = await mail.GetFromJsonAsync<MailPage>("api/email/summary?limit=100", cancellationToken);
        return page?.Items.Where(m => m.To.Any(a => a.Address.Contains(tag, StringComparison.Ordinal))).ToList() ?? [];
    }

    private sealed record MailPage([property: JsonPropertyName("items")] List<MailSummary> Items);

    private sealed record MailSummary([property: JsonPropertyName("subject")] string Subject, [property: JsonPropertyName("to")] List<MailAddressJson> To);

    /// <summary>The system clock moved by a fixed offset: timers and delays stay real, so the queue workers poll as usual.</summary>
    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
