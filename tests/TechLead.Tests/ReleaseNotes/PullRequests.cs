using TechLead.Activity;

namespace TechLead.Tests.ReleaseNotes;

/// <summary>Small merged PRs in the shapes the sync stores.</summary>
public static class PullRequests
{
    public static readonly RepositoryName Repo = RepositoryName.Parse("octo-org/payments-api");
    public static readonly DateTimeOffset Since = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Until = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    public static PullRequestRecord Merged(int number, string title, string[]? labels = null, string author = "amara", string body = "", int? reverts = null, bool bot = false, int day = 1) => new()
    {
        Repository = Repo,
        Number = number,
        Title = title,
        Body = body,
        Author = author,
        AuthorIsBot = bot,
        Labels = labels ?? [],
        CreatedAt = Since.AddDays(day - 1),
        MergedAt = Since.AddDays(day).AddHours(number % 10),
        ClosedAt = Since.AddDays(day).AddHours(number % 10),
        UpdatedAt = Since.AddDays(day).AddHours(number % 10),
        MergeCommitSha = $"sha{number}",
        RevertsNumber = reverts,
        Origin = Origins.GitHub,
    };
}
