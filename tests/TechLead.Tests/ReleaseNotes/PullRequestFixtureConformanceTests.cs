using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.ReleaseNotes;
using TechLead.Tests.Drafting;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.ReleaseNotes;

/// <summary>
/// Release-note skeletons from real GitHub <c>pull_request</c> webhook payloads (octokit/webhooks examples in
/// ../shared). The payloads are open PRs; the test merges them by setting <c>merged</c> and <c>merged_at</c>.
/// </summary>
public sealed class PullRequestFixtureConformanceTests
{
    private static string FixtureDirectory => Path.Combine(RepoPaths.GitHubWebhookFixtures, "pull_request");

    [SharedFixturesFact]
    public async Task Real_pull_request_payloads_make_a_skeleton_and_offline_notes_that_cite_them()
    {
        var directory = FixtureDirectory;
        var mergedAt = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        var records = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(path => FromPayload(path, mergedAt))
            .ToList();
        Assert.NotEmpty(records);

        var kit = DraftingKit.Offline();
        var repository = records[0].Repository;
        var skeleton = kit.Skeletons.Build(repository, "v0.1.0", mergedAt.AddDays(-7), mergedAt.AddDays(1), records);
        var outcome = await kit.ReleaseNotes.DraftAsync(skeleton, allowLanguageModel: false, CancellationToken.None);

        // Every payload describes a PR of the same repository; each PR number appears exactly once.
        var expected = records.Select(r => r.Number).Distinct().Order().ToArray();
        Assert.Equal(expected, skeleton.Numbers);
        foreach (var record in records)
        {
            var item = skeleton.Items.Single(i => i.Number == record.Number);
            var section = skeleton.Sections.Single(s => s.Items.Contains(item));
            Assert.Equal(record.Labels.Contains("bug") ? "Bug fixes" : section.Title, section.Title);
        }

        var markdown = kit.Renderer.Markdown(outcome.Documents[0]);
        foreach (var number in expected)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"https://github.com/{repository.Owner}/{repository.Name}/pull/{number}"), markdown, StringComparison.Ordinal);
        }
    }

    /// <summary>The fields the sync keeps, read from a real payload, with the PR marked merged.</summary>
    private static PullRequestRecord FromPayload(string path, DateTimeOffset mergedAt)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var pr = document.RootElement.GetProperty("pull_request");
        var user = pr.GetProperty("user");
        return new PullRequestRecord
        {
            Repository = RepositoryName.Parse(document.RootElement.GetProperty("repository").GetProperty("full_name").GetString()!),
            Number = pr.GetProperty("number").GetInt32(),
            Title = pr.GetProperty("title").GetString()!,
            Body = pr.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString()! : "",
            Author = user.GetProperty("login").GetString()!,
            AuthorIsBot = user.GetProperty("type").GetString() == "Bot",
            Labels = pr.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToList(),
            BaseBranch = pr.GetProperty("base").GetProperty("ref").GetString()!,
            HeadBranch = pr.GetProperty("head").GetProperty("ref").GetString()!,
            CreatedAt = pr.GetProperty("created_at").GetDateTimeOffset(),
            UpdatedAt = pr.GetProperty("updated_at").GetDateTimeOffset(),
            // Merged by the test: the payloads are open PRs.
            MergedAt = mergedAt,
            ClosedAt = mergedAt,
            MergeCommitSha = pr.TryGetProperty("merge_commit_sha", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null,
            Origin = Origins.GitHub,
        };
    }
}

