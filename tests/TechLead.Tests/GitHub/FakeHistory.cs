namespace TechLead.Tests.GitHub;

/// <summary>
/// Builds a fake repository's git history the way GitHub's merge methods leave it on the default branch, with each
/// pull request's <c>merge_commit_sha</c> as GitHub reports it: squash (one new commit), merge commit (the branch's
/// commits and a two-parent merge), rebase (the PR's commits replayed; the last one is the merge commit SHA) and a
/// merge queue (the queue's merge commit on the default branch).
/// </summary>
internal sealed class FakeHistory
{
    private readonly FakeRepository _repository;
    private long _nextRelease = 9000;

    public FakeHistory(FakeRepository repository, DateTimeOffset start)
    {
        _repository = repository;
        repository.Branches[repository.DefaultBranch] = Commit("Initial commit", start);
    }

    public string Head
    {
        get => _repository.Branches[_repository.DefaultBranch];
        private set => _repository.Branches[_repository.DefaultBranch] = value;
    }

    public string Commit(string message, DateTimeOffset at, params string[] parents)
    {
        var sha = FakeShas.Of($"commit-{_repository.Commits.Count}-{message}-{at.UtcTicks}");
        _repository.Commits[sha] = new FakeCommit(sha, parents, at, message);
        return sha;
    }

    public FakePullRequest Squash(int number, DateTimeOffset merged) =>
        Merge(number, merged, Head = Commit($"Change {number} (#{number})", merged, Head));

    public FakePullRequest MergeCommit(int number, DateTimeOffset merged)
    {
        var branch = Commit($"Work on change {number}", merged.AddHours(-1), Head);
        return Merge(number, merged, Head = Commit($"Merge pull request #{number} from octo/change-{number}", merged, Head, branch));
    }

    public FakePullRequest Rebase(int number, DateTimeOffset merged, int commits)
    {
        for (var i = commits - 1; i >= 0; i--)
        {
            Head = Commit($"Change {number} part {commits - i}", merged.AddSeconds(-i), Head);
        }

        return Merge(number, merged, Head);
    }

    public FakePullRequest MergeQueue(int number, DateTimeOffset merged)
    {
        var prHead = Commit($"Change {number}", merged.AddHours(-1), Head);
        return Merge(number, merged, Head = Commit($"Merge pull request #{number} (merge queue)", merged, Head, prHead));
    }

    /// <summary>A merge on the default branch of commits made elsewhere (its first parent the branch's head; no pull request).</summary>
    public string Merge(string message, DateTimeOffset at, params string[] others) => Head = Commit(message, at, [Head, .. others]);

    public void Tag(string tag, string sha) => _repository.Tags[tag] = sha;

    public FakeRelease Release(string tag, DateTimeOffset published, string? sha = null)
    {
        Tag(tag, sha ?? Head);
        var release = new FakeRelease { Id = _nextRelease++, Tag = tag, Name = tag, CreatedAt = _repository.Commits[_repository.Tags[tag]].Date, PublishedAt = published };
        _repository.Releases.Add(release);
        return release;
    }

    private FakePullRequest Merge(int number, DateTimeOffset merged, string mergeCommit)
    {
        var pr = new FakePullRequest
        {
            Number = number,
            Title = $"Change {number}",
            HeadBranch = $"octo/change-{number}",
            CreatedAt = merged.AddHours(-8),
            FirstCommitAt = merged.AddHours(-10),
        }.Merged(merged);
        pr.MergeCommitSha = mergeCommit;
        _repository.PullRequests.Add(pr);
        return pr;
    }
}
