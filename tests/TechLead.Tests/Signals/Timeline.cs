using System.Globalization;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Tests.Signals;

/// <summary>Small hand-made timelines: records built from readable timestamps, and a report computed from them.</summary>
internal static class Timeline
{
    public static readonly RepositoryName Api = RepositoryName.Parse("octo/api");
    public static readonly RepositoryName Web = RepositoryName.Parse("octo/web");

    /// <summary>"2026-03-02 09:00" in UTC unless an offset is given.</summary>
    public static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? Maybe(string? text) => text is null ? null : At(text);

    public static PullRequestRecord Pr(
        int number,
        string opened,
        string? merged = null,
        string? firstCommit = null,
        string? firstReview = null,
        string? ready = null,
        string? sha = null,
        RepositoryName? repository = null,
        string title = "Change",
        string author = "dev",
        string? closed = null,
        string? updated = null) => new()
    {
        Repository = repository ?? Api,
        Number = number,
        Title = title,
        Author = author,
        CreatedAt = At(opened),
        ReadyForReviewAt = Maybe(ready),
        FirstCommitAt = Maybe(firstCommit),
        FirstReviewAt = Maybe(firstReview),
        FirstReviewerKind = firstReview is null ? null : "human",
        ReviewRounds = firstReview is null ? 0 : 1,
        MergedAt = Maybe(merged),
        ClosedAt = Maybe(closed ?? merged),
        UpdatedAt = At(updated ?? merged ?? closed ?? opened),
        MergeCommitSha = merged is null ? null : sha ?? $"sha-{number}",
        Origin = Origins.GitHub,
    };

    public static DeploymentRecord Deploy(string id, string at, string sha, IReadOnlyList<string>? included = null, RepositoryName? repository = null, string status = "success") => new()
    {
        Repository = repository ?? Api,
        Id = id,
        Environment = "production",
        Sha = sha,
        DeployedAt = At(at),
        Status = status,
        IncludedShas = included ?? [],
        Origin = Origins.GitHub,
    };

    public static IssueRecord Issue(int number, string created, string[] labels, string? closed = null, bool hasOwner = true, RepositoryName? repository = null, string title = "Issue") => new()
    {
        Repository = repository ?? Api,
        Number = number,
        Title = title,
        Labels = labels,
        State = closed is null ? "open" : "closed",
        HasOwner = hasOwner,
        CreatedAt = At(created),
        ClosedAt = Maybe(closed),
        UpdatedAt = At(closed ?? created),
        Origin = Origins.GitHub,
    };

    public static WorkflowRunRecord Run(long id, string sha, string started, double minutes, string? conclusion, int attempt = 1, string branch = "main", string name = "CI") => new()
    {
        Repository = Api,
        Id = id,
        Attempt = attempt,
        Name = name,
        Branch = branch,
        HeadSha = sha,
        Conclusion = conclusion,
        StartedAt = At(started),
        CompletedAt = At(started).AddMinutes(minutes),
        Origin = Origins.GitHub,
    };

    public static WorkItemRecord WorkItem(string key, string type, string created, string? resolved = null, bool hasOwner = true) => new()
    {
        Project = "SHOP",
        Key = key,
        Type = type,
        Summary = $"{type} {key}",
        StatusCategory = resolved is null ? "In Progress" : "Done",
        HasOwner = hasOwner,
        CreatedAt = At(created),
        ResolvedAt = Maybe(resolved),
        UpdatedAt = At(resolved ?? created),
        Origin = Origins.Jira,
    };

    public static TeamCalendar Calendar(string timeZone = "UTC") =>
        new(new TeamSettings { Name = "Test team", TimeZone = timeZone }, TimeProvider.System);

    public static SignalReport Compute(string week, ActivityBatch snapshot, SignalsOptions? options = null, string timeZone = "UTC", params RepositoryName[] repositories) =>
        SignalCalculator.Compute(new SignalRequest(
            IsoWeek.Parse(week),
            Calendar(timeZone),
            SignalSettings.From(options ?? new SignalsOptions()),
            (repositories.Length == 0 ? [Api] : repositories).Select(r => new KnownRepository(r, Origins.GitHub)).ToArray(),
            snapshot));

    public static SignalValue Signal(this SignalReport report, string id) =>
        report.Find(id) ?? throw new InvalidOperationException($"The report has no signal '{id}'.");

    public static SignalPart Part(this SignalValue signal, string id) =>
        signal.Breakdown.FirstOrDefault(p => p.Id == id) ?? throw new InvalidOperationException($"{signal.Id} has no part '{id}'.");
}
