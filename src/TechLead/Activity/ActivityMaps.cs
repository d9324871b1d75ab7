using System.Globalization;
using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Activity;

/// <summary>Activity is partitioned by repository (or Jira project) so every query names one partition.</summary>
public static class ActivityTables
{
    public static string RepositoryKey(RepositoryName repository) =>
        KeyCodec.Encode(repository.ToString().ToLowerInvariant());
}

internal sealed class PullRequestMap : IRecordMap<PullRequestRecord>
{
    public static readonly PullRequestMap Instance = new();

    public string Table => Tables.PullRequests;

    public string PartitionKey(PullRequestRecord record) => ActivityTables.RepositoryKey(record.Repository);

    public string RowKey(PullRequestRecord record) => KeyCodec.Number(record.Number);

    public PullRequestRecord Fit(PullRequestRecord record) => record with
    {
        Title = TextLimits.Cap(record.Title, TextLimits.Title),
        Body = TextLimits.Cap(record.Body, TextLimits.Body),
        Labels = TextLimits.Cap(record.Labels, 50),
        Files = TextLimits.Cap(record.Files),
        Reviewers = TextLimits.Cap(record.Reviewers, 50),
    };

    public void AddQueryColumns(PullRequestRecord record, TableEntity entity)
    {
        entity["State"] = record.MergedAt is not null ? "merged" : record.ClosedAt is not null ? "closed" : "open";
        Tables.AddTime(entity, "CreatedAt", record.CreatedAt);
        Tables.AddTime(entity, "UpdatedAt", record.UpdatedAt);
        Tables.AddTime(entity, "MergedAt", record.MergedAt);
        Tables.AddTime(entity, "ClosedAt", record.ClosedAt);
    }
}

internal sealed class DeploymentMap : IRecordMap<DeploymentRecord>
{
    public static readonly DeploymentMap Instance = new();

    public string Table => Tables.Deployments;

    public string PartitionKey(DeploymentRecord record) => ActivityTables.RepositoryKey(record.Repository);

    public string RowKey(DeploymentRecord record) => KeyCodec.Encode(record.Id);

    public DeploymentRecord Fit(DeploymentRecord record) => record with { IncludedShas = TextLimits.Cap(record.IncludedShas) };

    public void AddQueryColumns(DeploymentRecord record, TableEntity entity)
    {
        entity["Status"] = record.Status;
        Tables.AddTime(entity, "DeployedAt", record.DeployedAt);
    }
}

public sealed class ReleaseMap : IRecordMap<ReleaseRecord>
{
    public static readonly ReleaseMap Instance = new();

    public string Table => Tables.Releases;

    public string PartitionKey(ReleaseRecord record) => ActivityTables.RepositoryKey(record.Repository);

    public string RowKey(ReleaseRecord record) => KeyCodec.Encode(record.Tag);

    public ReleaseRecord Fit(ReleaseRecord record) => record with { Name = TextLimits.Cap(record.Name, TextLimits.Title), IncludedShas = TextLimits.Cap(record.IncludedShas) };

    public void AddQueryColumns(ReleaseRecord record, TableEntity entity) => Tables.AddTime(entity, "PublishedAt", record.PublishedAt);
}

internal sealed class IssueMap : IRecordMap<IssueRecord>
{
    public static readonly IssueMap Instance = new();

    public string Table => Tables.Issues;

    public string PartitionKey(IssueRecord record) => ActivityTables.RepositoryKey(record.Repository);

    public string RowKey(IssueRecord record) => KeyCodec.Number(record.Number);

    public IssueRecord Fit(IssueRecord record) => record with
    {
        Title = TextLimits.Cap(record.Title, TextLimits.Title),
        Labels = TextLimits.Cap(record.Labels, 50),
    };

    public void AddQueryColumns(IssueRecord record, TableEntity entity)
    {
        entity["State"] = record.State;
        Tables.AddTime(entity, "CreatedAt", record.CreatedAt);
        Tables.AddTime(entity, "ClosedAt", record.ClosedAt);
        Tables.AddTime(entity, "UpdatedAt", record.UpdatedAt);
    }
}

internal sealed class WorkflowRunMap : IRecordMap<WorkflowRunRecord>
{
    public static readonly WorkflowRunMap Instance = new();

    public string Table => Tables.WorkflowRuns;

    public string PartitionKey(WorkflowRunRecord record) => ActivityTables.RepositoryKey(record.Repository);

    public string RowKey(WorkflowRunRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyCodec.Number(record.Id)}-{record.Attempt:D3}");

    public WorkflowRunRecord Fit(WorkflowRunRecord record) => record with { Name = TextLimits.Cap(record.Name, TextLimits.Title) };

    public void AddQueryColumns(WorkflowRunRecord record, TableEntity entity) => Tables.AddTime(entity, "StartedAt", record.StartedAt);
}

internal sealed class WorkItemMap : IRecordMap<WorkItemRecord>
{
    public static readonly WorkItemMap Instance = new();

    public string Table => Tables.WorkItems;

    public string PartitionKey(WorkItemRecord record) => KeyCodec.Encode(record.Project);

    public string RowKey(WorkItemRecord record) => KeyCodec.Encode(record.Key);

    public WorkItemRecord Fit(WorkItemRecord record) => record with
    {
        Summary = TextLimits.Cap(record.Summary, TextLimits.Title),
        Labels = TextLimits.Cap(record.Labels, 50),
        Description = TextLimits.Cap(record.Description, TextLimits.Body),
        LinkedPullRequests = TextLimits.Cap(record.LinkedPullRequests, 50),
        // The newest moves decide the recent weeks; before the oldest kept, its From says where the item was.
        CategoryChanges = record.CategoryChanges is { Count: > MaxCategoryChanges } changes ? changes.Skip(changes.Count - MaxCategoryChanges).ToList() : record.CategoryChanges,
    };

    /// <summary>About 7,000 characters of JSON at most, well inside the row's limit next to a capped description.</summary>
    internal const int MaxCategoryChanges = 100;

    public void AddQueryColumns(WorkItemRecord record, TableEntity entity)
    {
        entity["StatusCategory"] = record.StatusCategory;
        Tables.AddTime(entity, "CreatedAt", record.CreatedAt);
        Tables.AddTime(entity, "ResolvedAt", record.ResolvedAt);
        Tables.AddTime(entity, "UpdatedAt", record.UpdatedAt);
    }
}

internal sealed class AdrFileMap : IRecordMap<AdrFileRecord>
{
    public static readonly AdrFileMap Instance = new();

    public string Table => Tables.AdrFiles;

    public string PartitionKey(AdrFileRecord record) => ActivityTables.RepositoryKey(record.Repository);

    public string RowKey(AdrFileRecord record) => KeyCodec.Encode(record.Path);

    public AdrFileRecord Fit(AdrFileRecord record) => record.Content.Length <= TextLimits.Document
        ? record
        : record with { Content = TextLimits.Cap(record.Content, TextLimits.Document), ContentTruncated = true };

    public void AddQueryColumns(AdrFileRecord record, TableEntity entity)
    {
        entity["ContentHash"] = record.ContentHash;
        Tables.AddTime(entity, "LastChangedAt", record.LastChangedAt);
    }
}
