using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TechLead.Activity;
using TechLead.Adr;
using TechLead.Drafting;
using TechLead.ReleaseNotes;
using TechLead.Review;
using TechLead.Tests.Adr;
using TechLead.Tests.Infrastructure;
using static TechLead.Tests.ReleaseNotes.PullRequests;

namespace TechLead.Tests.Review;

[CollectionDefinition(Name)]
public sealed class DraftingStorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "DraftingStorage";
}

/// <summary>The review queue and ProcessDrafts against a real Azurite, through the product's composition.</summary>
[Collection(DraftingStorageCollection.Name)]
public sealed class ReviewQueueTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly RepositoryName AdrRepo = RepositoryName.Parse("octo-org/checkout-api");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeAzureOpenAi _fake = new();
    private readonly List<IHost> _hosts = [];

    private IServiceProvider Services(bool withModel = false, params (string Key, string Value)[] extra)
    {
        var settings = TestHost.Settings(azurite);
        if (withModel)
        {
            foreach (var (key, value) in _fake.Settings)
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var host = TestHost.Build(settings, _time);
        _hosts.Add(host);
        return host.Services;
    }

    private AdrFileRecord AdrFile(string sample, double daysAgo = 1) => new()
    {
        Repository = AdrRepo,
        Path = $"docs/adr/{sample}",
        Content = AdrSamples.Text(sample),
        ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AdrSamples.Text(sample)))),
        LastChangedAt = _time.GetUtcNow().AddDays(-daysAgo),
        Origin = Origins.GitHub,
    };

    [Fact]
    public async Task ProcessDrafts_summarises_each_changed_adr_once_offline_for_review()
    {
        var services = Services();
        await services.GetRequiredService<ActivityIngestor>().StoreAsync(new ActivityBatch
        {
            AdrFiles = [AdrFile(AdrSamples.Book), AdrFile(AdrSamples.Nygard), AdrFile(AdrSamples.NygardSuccessor), AdrFile(AdrSamples.Madr, daysAgo: 400)],
        }, CancellationToken.None);
        var job = services.GetRequiredService<ProcessDraftsJob>();

        var first = await job.ProcessAsync(CancellationToken.None);
        var again = await job.ProcessAsync(CancellationToken.None);

        // The MADR file changed before Adr:LookbackDays and is not summarised.
        Assert.Equal(new ProcessDraftsResult(3, 3, 0, 0), first);
        Assert.Equal(new ProcessDraftsResult(0, 0, 0, 0), again);
        var drafts = await services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None);
        Assert.Equal(3, drafts.Count);
        Assert.All(drafts, d => Assert.Equal((DraftKinds.AdrSummary, DrafterKinds.Offline, 0), (d.Kind, d.DrafterKind, d.Usage.InputTokens)));
        Assert.All(drafts, d => Assert.True(d.Usage.EstimatedInputTokens > 0));
        var nygard = drafts.Single(d => d.InputIds.Contains("ADR-0002"));
        Assert.StartsWith("adr-", nygard.Id, StringComparison.Ordinal);
        Assert.Contains(nygard.Findings, f => f.Code == FindingCodes.ConsequencesNotClassified);
        // The successor was found among the repository's other ADRs, so the supersession is linked both ways.
        Assert.DoesNotContain(nygard.Findings, f => f.Code == FindingCodes.SupersededWithoutBackLink);
        Assert.Equal("In the context of", nygard.Documents.Single().Sections[0].Lines[0].Text[..17]);
    }

    [Fact]
    public async Task A_redelivered_input_is_never_drafted_twice()
    {
        var services = Services();
        var adrDrafts = services.GetRequiredService<AdrDrafts>();

        var first = await adrDrafts.RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);
        var redelivered = await adrDrafts.RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);
        var changed = await adrDrafts.RequestAsync(AdrFile(AdrSamples.Book) with { ContentHash = "another-version" }, CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(redelivered.Created);
        Assert.Equal(first.Draft.Id, redelivered.Draft.Id);
        Assert.True(changed.Created);
        Assert.Equal(2, (await services.GetRequiredService<ReviewQueue>().ListAsync(null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Approving_with_edits_keeps_both_texts_and_decisions_are_final()
    {
        var services = Services();
        var queue = services.GetRequiredService<ReviewQueue>();
        var (draft, _) = await services.GetRequiredService<AdrDrafts>().RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);
        var pendingRejected = await services.GetRequiredService<AdrDrafts>().RequestAsync(AdrFile(AdrSamples.Madr), CancellationToken.None);

        await Assert.ThrowsAsync<DraftDecisionException>(() => queue.ApproveAsync(draft.Id, "lead", null, CancellationToken.None));
        await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));
        var approved = await queue.ApproveAsync(draft.Id[..10], "lead", "ADR-0001 keeps PostgreSQL; edited by the lead.", CancellationToken.None);
        var rejected = await queue.RejectAsync(pendingRejected.Draft.Id, "lead", "not needed", CancellationToken.None);

        var stored = await queue.GetAsync(draft.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((DraftStatus.Edited, "lead", _time.GetUtcNow()), (stored.Status, stored.DecidedBy, stored.DecidedAt));
        Assert.Equal("ADR-0001 keeps PostgreSQL; edited by the lead.", stored.EditedText);
        Assert.Contains("In the context of", stored.Documents.Single().Sections[0].Lines[0].Text, StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Edited, approved.Status);
        Assert.Equal((DraftStatus.Rejected, "not needed"), (rejected.Status, rejected.DecisionNote));
        await Assert.ThrowsAsync<DraftDecisionException>(() => queue.ApproveAsync(draft.Id, "someone", null, CancellationToken.None));
        await Assert.ThrowsAsync<DraftDecisionException>(() => queue.RejectAsync(draft.Id, "someone", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_model_call_leaves_the_draft_pending_with_the_reason_and_the_next_run_retries_with_backoff()
    {
        _fake.Reply(FakeAzureOpenAi.ServerError());
        var services = Services(withModel: true, ("Drafting:MaxRetries", "0"));
        var queue = services.GetRequiredService<ReviewQueue>();
        var job = services.GetRequiredService<ProcessDraftsJob>();
        var (draft, _) = await services.GetRequiredService<AdrDrafts>().RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);

        var failed = await job.ProcessAsync(CancellationToken.None);
        var pending = await queue.GetAsync(draft.Id, CancellationToken.None);
        await job.ProcessAsync(CancellationToken.None);
        var callsBeforeBackoff = _fake.Requests.Count;

        Assert.Equal(1, failed.Failed);
        Assert.NotNull(pending);
        Assert.Equal(DraftStatus.Pending, pending.Status);
        Assert.Contains("500", pending.LastFailure, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), pending.NextAttemptAt);
        Assert.Empty(pending.Documents);
        Assert.Equal(1, callsBeforeBackoff);

        _time.Advance(TimeSpan.FromMinutes(5));
        _fake.Reply(FakeAzureOpenAi.CompletionOf(new { summaries = new[] { new { adr = "ADR-0001", sentence = "In the context of consistent checkout data, we decided to use managed PostgreSQL, accepting that we run migrations ourselves." } } }));
        var recovered = await job.ProcessAsync(CancellationToken.None);

        var drafted = await queue.GetAsync(draft.Id, CancellationToken.None);
        Assert.Equal(1, recovered.Drafted);
        Assert.NotNull(drafted);
        Assert.Equal((DraftStatus.PendingReview, DrafterKinds.AzureOpenAi, FakeAzureOpenAi.Deployment, FakeAzureOpenAi.Model), (drafted.Status, drafted.DrafterKind, drafted.Usage.Deployment, drafted.Usage.Model));
        Assert.Equal((812, 97, 2, 2), (drafted.Usage.InputTokens, drafted.Usage.OutputTokens, drafted.Usage.Calls, drafted.Attempts));
        Assert.Null(drafted.LastFailure);
        Assert.Contains("managed PostgreSQL", drafted.Documents.Single().Sections[0].Lines[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_stored_before_usage_was_grouped_still_shows_its_model_and_tokens()
    {
        var services = Services();
        var queue = services.GetRequiredService<ReviewQueue>();
        var (draft, _) = await services.GetRequiredService<AdrDrafts>().RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);
        var table = await services.GetRequiredService<TechLead.Storage.TableStore>().GetTableAsync(TechLead.Storage.Tables.Drafts, CancellationToken.None);
        var row = table.Query<Azure.Data.Tables.TableEntity>().Single(r => r.GetString("Data").Contains(draft.Id, StringComparison.Ordinal));

        // The layout of earlier releases: model and token counts at the top level of the stored JSON.
        var data = System.Text.Json.Nodes.JsonNode.Parse(row.GetString("Data"))!.AsObject();
        data.Remove("usage");
        data["model"] = "gpt-4o-2024-08-06";
        data["deployment"] = "drafts";
        data["calls"] = 3;
        data["inputTokens"] = 2400;
        data["outputTokens"] = 310;
        data["estimatedInputTokens"] = 2350;
        row["Data"] = data.ToJsonString();
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        var read = await queue.GetAsync(draft.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(new DraftUsage { Model = "gpt-4o-2024-08-06", Deployment = "drafts", Calls = 3, InputTokens = 2400, OutputTokens = 310, EstimatedInputTokens = 2350 }, read.Usage);
    }

    [Fact]
    public async Task A_rate_limited_draft_is_tried_again_no_earlier_than_the_service_asked()
    {
        _fake.Reply(FakeAzureOpenAi.RateLimited(retryAfterMs: 20 * 60 * 1000));
        var services = Services(withModel: true, ("Drafting:MaxRetryWait", "00:00:05"));
        var (draft, _) = await services.GetRequiredService<AdrDrafts>().RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);

        await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        var pending = await services.GetRequiredService<ReviewQueue>().GetAsync(draft.Id, CancellationToken.None);
        Assert.NotNull(pending);
        Assert.Equal(DraftStatus.Pending, pending.Status);
        Assert.Contains("rate limiting", pending.LastFailure, StringComparison.Ordinal);
        // The service asked for 20 minutes, more than the 5-minute first backoff.
        Assert.Equal(_time.GetUtcNow().AddMinutes(20), pending.NextAttemptAt);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task A_content_filtered_draft_waits_for_a_person_who_can_draft_it_offline()
    {
        _fake.Reply(FakeAzureOpenAi.ContentFiltered());
        var services = Services(withModel: true);
        var queue = services.GetRequiredService<ReviewQueue>();
        var job = services.GetRequiredService<ProcessDraftsJob>();
        var (draft, _) = await services.GetRequiredService<AdrDrafts>().RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);

        await job.ProcessAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await job.ProcessAsync(CancellationToken.None);
        var waiting = await queue.GetAsync(draft.Id, CancellationToken.None);

        Assert.NotNull(waiting);
        Assert.Single(_fake.Requests);
        Assert.Equal((DraftStatus.Pending, (DateTimeOffset?)null), (waiting.Status, waiting.NextAttemptAt));
        Assert.Contains("content filter", waiting.LastFailure, StringComparison.Ordinal);
        Assert.Contains("drafts retry", waiting.LastFailure, StringComparison.Ordinal);

        var due = await queue.RetryAsync(draft.Id, CancellationToken.None);
        var offline = await job.DraftOneAsync(due, allowLanguageModel: false, CancellationToken.None);

        Assert.NotNull(offline);
        Assert.Equal((DraftStatus.PendingReview, DrafterKinds.Offline), (offline.Status, offline.DrafterKind));
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Drafts_expire_after_the_retention_and_the_same_input_is_not_drafted_again()
    {
        var services = Services(withModel: false, ("Drafting:RetentionDays", "30"));
        var queue = services.GetRequiredService<ReviewQueue>();
        var adrDrafts = services.GetRequiredService<AdrDrafts>();
        var (draft, _) = await adrDrafts.RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);
        await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(31));
        var result = await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);
        var tombstone = await queue.GetAsync(draft.Id, CancellationToken.None);
        var again = await adrDrafts.RequestAsync(AdrFile(AdrSamples.Book), CancellationToken.None);

        Assert.Equal(1, result.Expired);
        Assert.NotNull(tombstone);
        Assert.Equal(DraftStatus.Expired, tombstone.Status);
        Assert.Empty(tombstone.Documents);
        Assert.Equal("", tombstone.PayloadJson);
        Assert.Equal(["ADR-0001"], tombstone.InputIds.Take(1));
        Assert.False(again.Created);
    }

    [Fact]
    public async Task Release_notes_cover_what_was_merged_since_the_explicitly_stored_previous_release()
    {
        var services = Services();
        var ingestor = services.GetRequiredService<ActivityIngestor>();
        var notes = services.GetRequiredService<ReleaseNotesService>();
        var queue = services.GetRequiredService<ReviewQueue>();
        await ingestor.StoreAsync(new ActivityBatch
        {
            Releases =
            [
                new ReleaseRecord { Repository = Repo, Tag = "v1.4.0", PublishedAt = Since, Origin = Origins.GitHub },
                // A later hotfix release: "latest" would move the range; the stored previous release does not.
                new ReleaseRecord { Repository = Repo, Tag = "v1.4.1", PublishedAt = Since.AddDays(2), Origin = Origins.GitHub },
            ],
            PullRequests =
            [
                Merged(101, "feat: saved carts", ["enhancement"]),
                Merged(102, "fix: rounding", ["bug"], day: 3),
                Merged(103, "Bump Polly from 8.1.0 to 8.2.0", author: "dependabot[bot]", bot: true, day: 4),
                Merged(90, "feat: before the release") with { MergedAt = Since.AddDays(-1) },
            ],
        }, CancellationToken.None);

        await Assert.ThrowsAsync<ReleaseNotesException>(() => notes.RequestAsync(Repo, CancellationToken.None));
        await Assert.ThrowsAsync<ReleaseNotesException>(() => notes.SetPreviousReleaseAsync(Repo, "v9.9.9", "lead", CancellationToken.None));
        await notes.SetPreviousReleaseAsync(Repo, "v1.4.0", "lead", CancellationToken.None);
        var requested = await notes.RequestAsync(Repo, CancellationToken.None);
        var repeated = await notes.RequestAsync(Repo, CancellationToken.None);
        await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        Assert.NotNull(requested);
        Assert.True(requested.Value.Created);
        Assert.False(repeated!.Value.Created);
        var draft = await queue.GetAsync(requested.Value.Draft.Id, CancellationToken.None);
        Assert.NotNull(draft);
        Assert.Equal(DraftStatus.PendingReview, draft.Status);
        Assert.Equal(["#101", "#102", "#103"], draft.InputIds);
        Assert.Equal(2, draft.Documents.Count);
        Assert.Contains("since v1.4.0", draft.Subject, StringComparison.Ordinal);

        // A webhook stores a newly merged PR; the next ProcessDrafts run drafts the notes again and closes the older draft.
        await ingestor.StoreAsync(new ActivityBatch { PullRequests = [Merged(104, "fix: totals", ["bug"], day: 5)] }, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        var run = await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        Assert.Equal((1, 1), (run.Requested, run.Drafted));
        var newer = Assert.Single(await queue.ListAsync(DraftStatus.PendingReview, CancellationToken.None));
        Assert.Equal(["#101", "#102", "#103", "#104"], newer.InputIds);
        var superseded = await queue.GetAsync(draft.Id, CancellationToken.None);
        Assert.Equal(DraftStatus.Rejected, superseded!.Status);
        Assert.Contains(newer.Id, superseded.DecisionNote, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _fake.Dispose();
    }
}
