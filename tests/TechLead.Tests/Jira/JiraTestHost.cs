using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TechLead.Activity;
using TechLead.Jira;
using TechLead.Storage;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Jira;

/// <summary>The product's real composition pointed at a fake Jira and a fresh set of tables, on a fake clock.</summary>
internal sealed class JiraTestHost : IDisposable
{
    /// <summary>"Now" in every Jira sync test: Monday 2026-03-09 12:00 UTC (13:00 in Amsterdam, +0100).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    private readonly IHost _host;

    public JiraTestHost(AzuriteFixture azurite, FakeJira jira, string[] projects, IDictionary<string, string?>? extra = null)
    {
        Time = new AutoAdvancingTime(Now);
        var settings = TestHost.Settings(azurite);
        foreach (var (key, value) in jira.Settings(projects).Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        _host = TestHost.Build(settings, Time);
    }

    public AutoAdvancingTime Time { get; }

    public IServiceProvider Services => _host.Services;

    public Task<JiraSyncResult> SyncAsync() => Services.GetRequiredService<JiraSyncJob>().SyncAsync(null, CancellationToken.None);

    public async Task<Dictionary<string, WorkItemRecord>> StoredAsync(string project) =>
        (await Services.GetRequiredService<ActivityStore>().QueryAsync(WorkItemMap.Instance, KeyCodec.Encode(project), null, CancellationToken.None))
        .ToDictionary(w => w.Key);

    public void Dispose() => _host.Dispose();

    /// <summary>An ADF description as Jira Cloud stores it: a paragraph with a link mark, and an inline card.</summary>
    public static JsonNode Adf(string text, string linkText, string href, string cardUrl) => JsonNode.Parse($$$"""
        {"version":1,"type":"doc","content":[
          {"type":"paragraph","content":[
            {"type":"text","text":"{{{text}}} "},
            {"type":"text","text":"{{{linkText}}}","marks":[{"type":"link","attrs":{"href":"{{{href}}}"}}]}]},
          {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[
            {"type":"inlineCard","attrs":{"url":"{{{cardUrl}}}"}}]}]}]}
        ]}
        """)!;
}
