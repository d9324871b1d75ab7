using Azure.Data.Tables;
using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.ReleaseNotes;

/// <summary>The previous release of a repository as a person set it: notes cover what was merged after it.</summary>
public sealed record ReleaseBaseline(RepositoryName Repository, string? Tag, DateTimeOffset Since, string SetBy, DateTimeOffset SetAt);

/// <summary>
/// The explicitly stored previous release per repository. Never inferred from "the latest release": a hotfix
/// release or a draft would silently move the range.
/// </summary>
internal sealed class ReleaseBaselineStore(TableStore tables)
{
    public const string Table = "ReleaseBaselines";
    private const string Partition = "baseline";

    public async Task<ReleaseBaseline?> GetAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var row = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(Partition, ActivityTables.RepositoryKey(repository), cancellationToken: cancellationToken));
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var entity = row.Value;
        return new ReleaseBaseline(repository, entity.GetString("Tag"), entity.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue,
            entity.GetString("SetBy") ?? "", entity.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue);
    }

    /// <summary>Every repository with a stored previous release.</summary>
    public async Task<IReadOnlyList<ReleaseBaseline>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        return await tables.Guard(async () =>
        {
            var baselines = new List<ReleaseBaseline>();
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            {
                if (RepositoryName.TryParse(entity.GetString("Repository"), out var repository))
                {
                    baselines.Add(new ReleaseBaseline(repository.Value, entity.GetString("Tag"), entity.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue,
                        entity.GetString("SetBy") ?? "", entity.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue));
                }
            }

            return baselines;
        });
    }

    public async Task SetAsync(ReleaseBaseline baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var entity = new TableEntity(Partition, ActivityTables.RepositoryKey(baseline.Repository))
        {
            ["Repository"] = baseline.Repository.ToString(),
            ["Tag"] = baseline.Tag,
            ["Since"] = baseline.Since.ToUniversalTime(),
            ["SetBy"] = baseline.SetBy,
            ["SetAt"] = baseline.SetAt.ToUniversalTime(),
        };
        await tables.Guard(() => table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }
}
