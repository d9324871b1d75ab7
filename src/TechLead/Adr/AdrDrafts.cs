using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Drafting;
using TechLead.Review;
using TechLead.Storage;

namespace TechLead.Adr;

/// <summary>What an ADR-summary draft is made from: the file as it was when the change was seen.</summary>
internal sealed record AdrDraftPayload(string Repository, string Path, string ContentHash, string Content);

/// <summary>
/// Queues an ADR summary for every ADR file that changed recently (whatever stored it: sync, webhook, sample), once per
/// content version, and drafts queued summaries for the review queue.
/// </summary>
internal sealed class AdrDrafts(
    RepositoryCatalog repositories,
    ActivityStore store,
    ReviewQueue queue,
    AdrSummarizer summarizer,
    IOptions<AdrOptions> options,
    TimeProvider time) : IDraftProducer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => DraftKinds.AdrSummary;

    /// <summary>Requests a summary for each ADR file changed within <c>Adr:LookbackDays</c>; returns how many were new.</summary>
    public async Task<int> RequestDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-options.Value.LookbackDays);
        var created = 0;
        foreach (var repository in await repositories.ListAsync(cancellationToken))
        {
            var files = await store.QueryAsync(AdrFileMap.Instance, ActivityTables.RepositoryKey(repository.Repository),
                Tables.Between("LastChangedAt", since, now.AddSeconds(1)), cancellationToken);
            foreach (var file in files)
            {
                if ((await RequestAsync(file, cancellationToken)).Created)
                {
                    created++;
                }
            }
        }

        return created;
    }

    /// <summary>Queues a summary of this version of the file (a no-op if this version was queued before).</summary>
    public Task<(DraftRecord Draft, bool Created)> RequestAsync(AdrFileRecord file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var adr = AdrParser.Parse(file.Path, file.Content);
        var payload = new AdrDraftPayload(file.Repository.ToString(), file.Path, file.ContentHash, file.Content);
        return queue.RequestAsync(new DraftRequest
        {
            Kind = Kind,
            Repository = file.Repository.ToString(),
            Subject = $"{(file.Origin == Origins.Sample ? "[sample] " : "")}{file.Repository} {adr.Id}: {adr.Title ?? file.Path}",
            InputIds = [adr.Id, string.Create(CultureInfo.InvariantCulture, $"{file.Path}@{file.ContentHash[..Math.Min(12, file.ContentHash.Length)]}")],
            IdempotencyInput = $"{ActivityTables.RepositoryKey(file.Repository)}\n{file.Path}\n{file.ContentHash}",
            PayloadJson = JsonSerializer.Serialize(payload, Json),
        }, cancellationToken);
    }

    public async Task<DraftOutcome> DraftAsync(DraftRecord draft, bool allowLanguageModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var payload = JsonSerializer.Deserialize<AdrDraftPayload>(draft.PayloadJson, Json)
            ?? throw new InvalidOperationException($"Draft {draft.Id} has no ADR payload.");
        var adr = AdrParser.Parse(payload.Path, payload.Content);
        var siblings = await SiblingsAsync(payload, cancellationToken);
        return await summarizer.SummariseAsync(adr, siblings, allowLanguageModel, cancellationToken);
    }

    /// <summary>The repository's other ADRs, for the back-link checks.</summary>
    private async Task<IReadOnlyList<AdrDocument>> SiblingsAsync(AdrDraftPayload payload, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(payload.Repository, out var repository))
        {
            return [];
        }

        var files = await store.QueryAsync(AdrFileMap.Instance, ActivityTables.RepositoryKey(repository.Value), null, cancellationToken);
        var directory = Path.GetDirectoryName(payload.Path) ?? "";
        return files
            .Where(f => string.Equals(Path.GetDirectoryName(f.Path) ?? "", directory, StringComparison.Ordinal) && f.Path != payload.Path)
            .Select(f => AdrParser.Parse(f.Path, f.Content))
            .ToList();
    }
}
