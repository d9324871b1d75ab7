using System.Globalization;
using System.Text.Json;
using Octokit;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

/// <summary>
/// The mapper against GitHub's own example objects (octokit/webhooks): the same shapes REST returns, so what the
/// sync stores and what the webhook receiver will store agree field by field.
/// </summary>
public sealed class GitHubWebhookConformanceTests
{
    [SharedFixturesFact]
    public void Pull_request_objects_map_field_by_field()
    {
        foreach (var (file, payload, repository) in Payloads("pull_request"))
        {
            var json = payload.GetProperty("pull_request");
            var record = GitHubRecordMapper.PullRequest(repository, GitHubRecordMapper.Deserialize<PullRequest>(json.GetRawText()));

            Assert.True(json.GetProperty("number").GetInt32() == record.Number, file);
            Assert.Equal(json.GetProperty("title").GetString(), record.Title);
            Assert.Equal(json.GetProperty("user").GetProperty("login").GetString(), record.Author);
            Assert.Equal(json.GetProperty("user").GetProperty("type").GetString() == "Bot", record.AuthorIsBot);
            Assert.Equal(Time(json, "created_at"), record.CreatedAt);
            Assert.Equal(Time(json, "updated_at"), record.UpdatedAt);
            Assert.Equal(Time(json, "merged_at"), record.MergedAt);
            Assert.Equal(Time(json, "closed_at"), record.ClosedAt);
            Assert.Equal(json.GetProperty("draft").GetBoolean(), record.IsDraft);
            Assert.Equal(json.GetProperty("base").GetProperty("ref").GetString(), record.BaseBranch);
            Assert.Equal(json.GetProperty("head").GetProperty("ref").GetString(), record.HeadBranch);
            Assert.Equal(json.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("name").GetString()), record.Labels);
            Assert.Equal(json.GetProperty("additions").GetInt32(), record.Additions);
            Assert.Equal(json.GetProperty("changed_files").GetInt32(), record.ChangedFiles);
            Assert.Equal(record.MergedAt is null ? null : json.GetProperty("merge_commit_sha").GetString(), record.MergeCommitSha);
        }
    }

    [SharedFixturesFact]
    public void Release_objects_map_field_by_field()
    {
        foreach (var (file, payload, repository) in Payloads("release"))
        {
            var json = payload.GetProperty("release");
            var record = GitHubRecordMapper.Release(repository, GitHubRecordMapper.Deserialize<Release>(json.GetRawText()));

            Assert.True(json.GetProperty("tag_name").GetString() == record.Tag, file);
            Assert.Equal(Time(json, "published_at"), record.PublishedAt);
            Assert.Equal(json.GetProperty("draft").GetBoolean(), record.IsDraft);
            Assert.Equal(json.GetProperty("prerelease").GetBoolean(), record.IsPrerelease);
        }
    }

    [SharedFixturesFact]
    public void Deployment_and_deployment_status_objects_map_to_a_deployment_at_its_status_time()
    {
        foreach (var (file, payload, repository) in Payloads("deployment").Concat(Payloads("deployment_status")))
        {
            var deploymentJson = payload.GetProperty("deployment");
            var deployment = GitHubRecordMapper.Deserialize<Deployment>(deploymentJson.GetRawText());
            var statuses = payload.TryGetProperty("deployment_status", out var statusJson)
                ? [GitHubRecordMapper.Deserialize<DeploymentStatus>(statusJson.GetRawText())]
                : new List<DeploymentStatus>();

            var record = GitHubRecordMapper.Deployment(repository, deployment, statuses);

            if (statuses.Count == 0 || statusJson.GetProperty("state").GetString() is not ("success" or "failure" or "error" or "inactive"))
            {
                Assert.True(record is null, $"{file}: a deployment without a final status is not stored yet");
                continue;
            }

            Assert.NotNull(record);
            Assert.True(deploymentJson.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == record.Id, file);
            Assert.Equal(deploymentJson.GetProperty("environment").GetString(), record.Environment);
            Assert.Equal(deploymentJson.GetProperty("sha").GetString(), record.Sha);
            Assert.Equal(statusJson.GetProperty("state").GetString(), record.Status);
            Assert.Equal(Time(statusJson, "created_at"), record.DeployedAt);
        }
    }

    [SharedFixturesFact]
    public void Workflow_run_objects_map_field_by_field()
    {
        foreach (var (file, payload, repository) in Payloads("workflow_run"))
        {
            var json = payload.GetProperty("workflow_run");
            var record = GitHubRecordMapper.WorkflowRun(repository, GitHubRecordMapper.Deserialize<WorkflowRun>(json.GetRawText()));

            Assert.True(json.GetProperty("id").GetInt64() == record.Id, file);
            Assert.Equal(json.GetProperty("run_attempt").GetInt32(), record.Attempt);
            Assert.Equal(json.GetProperty("head_branch").GetString(), record.Branch);
            Assert.Equal(json.GetProperty("head_sha").GetString(), record.HeadSha);
            Assert.Equal(json.GetProperty("status").GetString(), record.Status);
            Assert.Equal(json.GetProperty("conclusion").ValueKind == JsonValueKind.Null ? null : json.GetProperty("conclusion").GetString(), record.Conclusion);
            Assert.Equal(Time(json, "run_started_at"), record.StartedAt);
            Assert.Equal(json.GetProperty("status").GetString() == "completed" ? Time(json, "updated_at") : null, record.CompletedAt);
            Assert.NotEqual("", record.Name);
        }
    }

    [SharedFixturesFact]
    public void Issue_objects_map_field_by_field_and_pull_requests_among_them_are_left_out()
    {
        foreach (var (file, payload, repository) in Payloads("issues"))
        {
            var json = payload.GetProperty("issue");
            var issue = GitHubRecordMapper.Deserialize<Issue>(json.GetRawText());
            if (!json.TryGetProperty("state", out _) || !json.TryGetProperty("labels", out _))
            {
                // A partial object ("pinned"): refused rather than stored with a guessed state and no labels.
                Assert.Throws<GitHubDataException>(() => GitHubRecordMapper.Issue(repository, issue));
                continue;
            }

            var record = GitHubRecordMapper.Issue(repository, issue);
            if (json.TryGetProperty("pull_request", out _))
            {
                Assert.True(record is null, $"{file}: an issue event about a pull request is not an issue");
                continue;
            }

            Assert.True(record is not null, file);
            Assert.Equal(json.GetProperty("number").GetInt32(), record.Number);
            Assert.Equal(json.GetProperty("title").GetString(), record.Title);
            Assert.Equal(json.GetProperty("state").GetString(), record.State);
            Assert.Equal(json.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("name").GetString()), record.Labels);
            var assigned = (json.TryGetProperty("assignees", out var assignees) && assignees.ValueKind == JsonValueKind.Array && assignees.GetArrayLength() > 0)
                || (json.TryGetProperty("assignee", out var assignee) && assignee.ValueKind == JsonValueKind.Object);
            Assert.Equal(assigned, record.HasOwner);
            Assert.Equal(Time(json, "created_at"), record.CreatedAt);
            Assert.Equal(Time(json, "closed_at"), record.ClosedAt);
        }
    }

    private static IEnumerable<(string File, JsonElement Payload, RepositoryName Repository)> Payloads(string eventName)
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.GitHubWebhookFixtures, eventName), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var payload = document.RootElement.Clone();
            yield return (Path.GetFileName(file), payload, RepositoryName.Parse(payload.GetProperty("repository").GetProperty("full_name").GetString()!));
        }
    }

    private static DateTimeOffset? Time(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
}
