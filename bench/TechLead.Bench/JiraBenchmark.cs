using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Jira;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Jira;

namespace TechLead.Bench;

/// <summary>
/// Jira sync against the loopback fake Jira (Cloud) and a real Azurite: requests per issue for a backfill (search
/// pages with changelogs, bulkfetch only for the cut histories) against fetching every issue's changelog with its
/// own request, requests for an unchanged re-sync, and work-item rows per second stored (batched, through the sync's
/// path, against one upsert per row). Arguments: [issues, default 5000] [share of busy issues, default 0.1].
/// </summary>
internal sealed class JiraBenchmark : IBenchmark
{
    public string Name => "jira";

    public string Description => "Jira sync: requests per issue for a backfill and an unchanged re-sync, rows/s stored.";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var issues = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 5_000;
        var busyShare = arguments.Count > 1 ? double.Parse(arguments[1], CultureInfo.InvariantCulture) : 0.1;

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            using var jira = FakeJira.Start();
            var busy = Populate(jira, issues, busyShare);
            output.WriteLine("## Jira sync\n");
            output.WriteLine($"Command: `scripts/bench jira {issues} {busyShare.ToString(CultureInfo.InvariantCulture)}`. Fake Jira Cloud (WireMock.Net, loopback) with one project of "
                + $"{issues:N0} issues updated over the last 20 weeks, {busy:N0} of them busy (more status changes than a search result's changelog holds: "
                + $"{jira.ChangelogLimit}); real Azurite. Requests are counted by the fake.\n");

            using var host = new JiraTestHost(azurite, jira, ["SHOP"]);
            var job = host.Services.GetRequiredService<JiraSyncJob>();

            var clock = Stopwatch.StartNew();
            var backfill = await job.SyncAsync(null, cancellationToken);
            clock.Stop();
            var sent = jira.Requests.Count;
            var searches = jira.Requests.Count(r => r.Path == "/rest/api/3/search/jql");
            var bulk = jira.Requests.Count(r => r.Path == "/rest/api/3/changelog/bulkfetch");
            // The baseline fetches every issue's changelog by its own request (GET /rest/api/3/issue/{key}/changelog), with the
            // same search pages and per-run requests: counted, not sent.
            var baseline = sent - bulk + backfill.IssuesRead;
            jira.ResetRequests();
            var resync = await job.SyncAsync(null, cancellationToken);
            var resyncSent = jira.Requests.Count;
            var stored = (await host.StoredAsync("SHOP")).Count;

            output.WriteLine("| run | issues read | requests | requests per issue | baseline: one changelog request per issue | ratio |");
            output.WriteLine("|---|---|---|---|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| backfill ({searches} search pages, {bulk} bulkfetch) | {backfill.IssuesRead:N0} | {sent:N0} | {(double)sent / backfill.IssuesRead:0.000} | {baseline:N0} ({(double)baseline / backfill.IssuesRead:0.000} per issue) | {(double)sent / baseline:0.000} |"));
            var resyncBaseline = resyncSent - jira.Requests.Count(r => r.Path == "/rest/api/3/changelog/bulkfetch") + resync.IssuesRead;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| unchanged re-sync | {resync.IssuesRead:N0} (inside the overlap) | {resyncSent} | {(double)resyncSent / stored:0.0000} per stored issue | {resyncBaseline:N0} | {(double)resyncSent / resyncBaseline:0.00} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\nBackfill wall time {clock.Elapsed.TotalSeconds:0.0} s ({backfill.IssuesRead / clock.Elapsed.TotalSeconds:0} issues/s including the fake's rendering and storage); {stored:N0} rows stored, none twice.\n"));

            await StorageAsync(azurite, host, issues, output, cancellationToken);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static int Populate(FakeJira jira, int count, double busyShare)
    {
        var now = JiraTestHost.Now;
        var random = new Random(7);
        var busy = 0;
        for (var n = 1; n <= count; n++)
        {
            var created = now.AddMinutes(-random.Next(60, 20 * 7 * 24 * 60));
            var isBusy = random.NextDouble() < busyShare;
            busy += isBusy ? 1 : 0;
            jira.Add($"SHOP-{n}", created, i =>
            {
                i.Type = (n % 5) switch { 0 => "Bug", 1 => "Tech Debt", _ => "Story" };
                i.Summary = $"Work item {n}";
                i.Assigned = n % 7 != 0;
                var at = created;
                var moves = isBusy ? 6 : 2;
                string[] path = ["To Do", "In Progress", "In Review", "Done", "In Progress", "Done", "In Progress"];
                for (var m = 0; m < moves && at.AddHours(6) < now; m++)
                {
                    at = at.AddHours(1 + random.Next(5));
                    i.Moves.Add((at, path[m], path[m + 1]));
                }
            });
        }

        return busy;
    }

    private static async Task StorageAsync(AzuriteFixture azurite, JiraTestHost source, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var records = (await source.StoredAsync("SHOP")).Values.Take(count).ToList();
        using var batchedHost = new JiraTestHost(azurite, FakeJira.Start(), ["SHOP"]);
        var ingestor = batchedHost.Services.GetRequiredService<ActivityIngestor>();
        await ingestor.StoreAsync(new ActivityBatch { WorkItems = records.Take(1).ToList() }, cancellationToken);
        var batched = Stopwatch.StartNew();
        await ingestor.StoreAsync(new ActivityBatch { WorkItems = records }, cancellationToken);
        batched.Stop();

        using var perRowHost = new JiraTestHost(azurite, FakeJira.Start(), ["SHOP"]);
        var store = perRowHost.Services.GetRequiredService<ActivityStore>();
        await store.UpsertAsync(WorkItemMap.Instance, records.Take(1), cancellationToken);
        var perRow = Stopwatch.StartNew();
        foreach (var record in records)
        {
            await store.UpsertAsync(WorkItemMap.Instance, [record], cancellationToken);
        }

        perRow.Stop();
        var batchedRate = records.Count / batched.Elapsed.TotalSeconds;
        var perRowRate = records.Count / perRow.Elapsed.TotalSeconds;
        output.WriteLine("| storing work items | rows | seconds | rows/s | ratio |");
        output.WriteLine("|---|---|---|---|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| batched (entity-group transactions of 100, the sync's path) | {records.Count:N0} | {batched.Elapsed.TotalSeconds:0.00} | {batchedRate:0} | {batchedRate / perRowRate:0.0}x |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline: one upsert per row | {records.Count:N0} | {perRow.Elapsed.TotalSeconds:0.00} | {perRowRate:0} | 1.0x |"));
    }
}
