using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TechLead.ReleaseNotes;
using TechLead.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using static TechLead.Tests.ReleaseNotes.PullRequests;

namespace TechLead.Tests.ReleaseNotes;

/// <summary>The real Octokit client against a loopback fake of the GitHub releases API.</summary>
public sealed class GitHubDraftReleaseWriterTests : IDisposable
{
    private const string ReleasesPath = "/api/v3/repos/octo-org/payments-api/releases";
    private readonly WireMockServer _github = WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{NodeService.FreePort()}")],
    });

    private GitHubDraftReleaseWriter Writer(bool enabled = true) => new(Options.Create(new ReleaseNotesOptions
    {
        WriteDraftRelease = enabled,
        GitHubToken = "ghp_test",
        GitHubApiUrl = new Uri(_github.Urls[0] + "/"),
    }));

    [Fact]
    public async Task Approved_notes_become_a_new_draft_release_never_a_published_one()
    {
        Releases([]);
        _github.Given(Request.Create().WithPath(ReleasesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(Release(7, "v1.5.0", draft: true)));

        var location = await Writer().WriteAsync(Repo, "v1.5.0", "v1.5.0", "## Notes\n- Saved carts (#101)", CancellationToken.None);

        var created = JsonNode.Parse(_github.LogEntries.Single(e => e.RequestMessage.Method == "POST").RequestMessage.Body!)!;
        Assert.True((bool)created["draft"]!);
        Assert.Equal("v1.5.0", (string?)created["tag_name"]);
        Assert.Equal("## Notes\n- Saved carts (#101)", (string?)created["body"]);
        Assert.Equal("https://github.com/octo-org/payments-api/releases/tag/untagged-7", location.AbsoluteUri);
    }

    [Fact]
    public async Task An_existing_draft_for_the_tag_is_updated_and_stays_a_draft()
    {
        Releases([Release(9, "v1.5.0", draft: true)]);
        _github.Given(Request.Create().WithPath($"{ReleasesPath}/9").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Release(9, "v1.5.0", draft: true)));

        await Writer().WriteAsync(Repo, "v1.5.0", "v1.5.0", "new text", CancellationToken.None);

        var patch = JsonNode.Parse(_github.LogEntries.Single(e => e.RequestMessage.Method == "PATCH").RequestMessage.Body!)!;
        Assert.True((bool)patch["draft"]!);
        Assert.Equal("new text", (string?)patch["body"]);
        Assert.DoesNotContain(_github.LogEntries, e => e.RequestMessage.Method == "POST");
    }

    [Fact]
    public async Task A_published_release_is_never_touched()
    {
        Releases([Release(3, "v1.5.0", draft: false)]);

        var error = await Assert.ThrowsAsync<ReleaseNotesException>(() => Writer().WriteAsync(Repo, "v1.5.0", "v1.5.0", "text", CancellationToken.None));

        Assert.Contains("already published", error.Message, StringComparison.Ordinal);
        Assert.All(_github.LogEntries, e => Assert.Equal("GET", e.RequestMessage.Method));
    }

    [Fact]
    public async Task Nothing_is_written_when_it_is_switched_off()
    {
        await Assert.ThrowsAsync<ReleaseNotesException>(() => Writer(enabled: false).WriteAsync(Repo, "v1.5.0", "v1.5.0", "text", CancellationToken.None));

        Assert.Empty(_github.LogEntries);
    }

    public void Dispose()
    {
        _github.Stop();
        _github.Dispose();
    }

    private void Releases(string[] releases) =>
        _github.Given(Request.Create().WithPath(ReleasesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($"[{string.Join(',', releases)}]"));

    // The fields of GitHub's release object that matter here, in its documented shape.
    private static string Release(long id, string tag, bool draft) => new JsonObject
    {
        ["id"] = id,
        ["tag_name"] = tag,
        ["name"] = tag,
        ["draft"] = draft,
        ["prerelease"] = false,
        ["body"] = "",
        ["target_commitish"] = "main",
        ["created_at"] = "2026-11-20T10:00:00Z",
        ["published_at"] = draft ? null : "2026-11-20T11:00:00Z",
        ["html_url"] = draft
            ? string.Create(CultureInfo.InvariantCulture, $"https://github.com/octo-org/payments-api/releases/tag/untagged-{id}")
            : $"https://github.com/octo-org/payments-api/releases/tag/{tag}",
        ["url"] = string.Create(CultureInfo.InvariantCulture, $"https://api.github.com/repos/octo-org/payments-api/releases/{id}"),
        ["assets"] = new JsonArray(),
        ["author"] = new JsonObject { ["login"] = "octocat", ["id"] = 1, ["type"] = "User" },
    }.ToJsonString();
}
