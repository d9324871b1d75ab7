using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Storage;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>Damaged input replayed: rows whose JSON does not map, and weeks far outside the calendar the product keeps.</summary>
public sealed partial class AccessAttackTests
{
    [Fact]
    public async Task Draft_rows_with_nulls_or_wrong_types_are_skipped_and_named_while_the_queue_lists_the_good_ones_and_nothing_changes()
    {
        await using var app = await SampleServe.StartAsync(Azurite);
        var waiting = await SampleServe.WaitingAsync(app);
        var table = await app.Services.GetRequiredService<TableStore>().GetTableAsync(Tables.Drafts, CancellationToken.None);
        var original = (await table.GetEntityAsync<TableEntity>("drafts", KeyCodec.Encode(waiting[0].Id))).Value;
        var damaged = new Dictionary<string, Action<TableEntity, JsonObject>>
        {
            ["damaged-null-list"] = (_, data) => data["inputIds"] = null,
            ["damaged-null-in-list"] = (_, data) => data["findings"] = new JsonArray((JsonNode?)null),
            ["damaged-null-object"] = (_, data) => data["usage"] = null,
            ["damaged-wrong-type"] = (_, data) => data["attempts"] = "many",
            ["damaged-null-document"] = (entity, _) => entity["Documents0"] = "[null]",
        };
        foreach (var (key, damage) in damaged)
        {
            var entity = new TableEntity(original.PartitionKey, key);
            foreach (var column in original.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
            {
                entity[column] = original[column];
            }

            var data = JsonNode.Parse(original.GetString("Data"))!.AsObject();
            damage(entity, data);
            entity["Data"] = data.ToJsonString();
            await table.AddEntityAsync(entity);
        }

        var before = await RowsAsync(table);

        using var list = await app.Client.GetAsync("/api/drafts?status=all");
        using var pending = await app.Client.GetAsync("/api/drafts");
        using var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        var listed = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(damaged.Count, listed.GetProperty("skipped").GetInt32());
        var ids = listed.GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.All(waiting, w => Assert.Contains(w.Id, ids));
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(damaged.Count, report.GetProperty("unreadableDrafts").GetInt32());
        var named = report.GetProperty("unreadableRows").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.All(damaged.Keys, key => Assert.Contains($"{Tables.Drafts}/{key}", named));
        Assert.Equal(waiting.Count, report.GetProperty("draftsWaitingForReview").GetInt32());
        Assert.Equal(before, await RowsAsync(table));
    }

    [Fact]
    public async Task A_kept_feedback_row_with_a_column_of_the_wrong_type_is_skipped_absent_when_opened_and_named_in_health()
    {
        var settings = TestHost.Settings(Azurite);
        foreach (var (key, value) in DashboardAzureAuthTests.Platform)
        {
            settings[key] = value;
        }

        await using var app = await ServedApp.StartAsync(settings, dashboardClient: true);
        static HttpRequestMessage AsAda(HttpMethod method, string path, string? body = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            DashboardAzureAuthTests.SignedIn(request, id: "00000000-0000-0000-0000-0000000ada01", email: "ada01@contoso.com");
            return request;
        }

        var planning = JsonSerializer.Serialize(new { kind = "constructive", situation = Feedback.Sbi.PlanningSituation, behavior = Feedback.Sbi.PlanningBehavior, impact = Feedback.Sbi.PlanningImpact, keep = true });
        using var keep = await app.Client.SendAsync(AsAda(HttpMethod.Post, "/api/feedback/sbi", planning));
        var id = (await keep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kept").GetProperty("id").GetString()!;
        var table = await app.Services.GetRequiredService<TableStore>().GetTableAsync(TechLead.Feedback.FeedbackDraftStore.Table, CancellationToken.None);
        var good = (await table.QueryAsync<TableEntity>(e => e.RowKey == id).ToListAsync()).Single();
        var damaged = new TableEntity(good.PartitionKey, "damaged-kept");
        foreach (var column in good.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            damaged[column] = good[column];
        }

        damaged["CreatedAt"] = "last tuesday";
        damaged["Kind"] = 7;
        await table.AddEntityAsync(damaged);

        using var list = await app.Client.SendAsync(AsAda(HttpMethod.Get, "/api/feedback/sbi"));
        using var open = await app.Client.SendAsync(AsAda(HttpMethod.Get, "/api/feedback/sbi/damaged-kept"));
        using var health = await app.Client.SendAsync(AsAda(HttpMethod.Get, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var kept = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, Assert.Single(kept.GetProperty("kept").EnumerateArray()).GetProperty("id").GetString());
        await HttpProblems.AssertAsync(open, HttpStatusCode.NotFound);
        var named = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unreadableRows").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains($"{TechLead.Feedback.FeedbackDraftStore.Table}/{good.PartitionKey}/damaged-kept", named);
        Assert.Equal("last tuesday", (await table.GetEntityAsync<TableEntity>(good.PartitionKey, "damaged-kept")).Value.GetString("CreatedAt"));
    }

    [Theory]
    [InlineData("0001-W01")]
    [InlineData("9998-W52")]
    [InlineData("1999-W52")]
    public async Task A_week_outside_2000_to_2100_is_400_naming_week(string week)
    {
        await using var app = await SampleServe.StartAsync(Azurite);

        using var response = await app.Client.GetAsync($"/api/signals?week={week}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2000-W01", problem.GetProperty("errors").GetProperty("week")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>Every row's key and data columns, to show the readers changed nothing.</summary>
    private static async Task<List<string>> RowsAsync(TableClient table) =>
        (await table.QueryAsync<TableEntity>().ToListAsync())
            .Select(e => $"{e.RowKey}:{string.Join("|", e.Keys.Where(k => k.StartsWith("Data", StringComparison.Ordinal) || k.StartsWith("Documents", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(k => e[k]))}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
