// Golden comparison of the sample workspace: what the product stores, answers over HTTP, prints on the command line and
// mails as the digest, recorded in Golden/Expected and compared byte for byte, so a refactoring that changes any of it fails.
//
// Regenerate deliberately (after an intended behaviour change), then review the diff of Golden/Expected in git:
//   GOLDEN_UPDATE=1 dotnet test tests/TechLead.Tests --filter "FullyQualifiedName~Golden"
// On a mismatch the actual output is left as bin/.../golden-actual/<name>.actual beside the test binary.
//
// Deterministic by construction: a fixed clock (Wednesday 2026-11-25 10:00 UTC, so the last complete week is 2026-W47)
// for everything in this process, and the CLI (a process of its own on the real clock) is asked only for stored data and
// a named week. What is inherently not deterministic is normalized, and only that:
// - Table Timestamp and ETag columns are dropped;
// - 32-hex-digit GUIDs (e.g. a snapshot's write mark) read <guid>; a snapshot's Fingerprint reads <fingerprint> (it
//   hashes the TechLead assembly's module version id, so it changes with every rebuild of changed code);
// - draft versions (a hash of Azurite's ETag, in ETag headers and "version" fields) read <version>, Azurite ETags read <etag>;
// - the Date response header is dropped, problem details' traceId reads <traceparent>;
// - free loopback ports and the test's table prefix read <table-port>, <queue-port>, <smtp-port>, <prefix>;
// - the digest's chart PNGs are shown by Content-ID and pixel size only (their bytes depend on the machine's fonts).
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Access;
using TechLead.Digest;
using TechLead.Local.Commands;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Golden;

[Collection(MainJobCollection.Name)]
public sealed partial class SampleWorkspaceGoldenTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _tablePrefix = AzuriteFixture.NewTablePrefix();
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("techlead-golden-").FullName;

    [Fact]
    public async Task The_sample_workspace_stores_answers_prints_and_mails_what_was_recorded()
    {
        var problems = new List<string>();
        void Check(string name, string actual)
        {
            if (GoldenFile.Check(name, actual) is { } problem)
            {
                problems.Add(problem);
            }
        }

        string draftId;
        await using (var app = await ServedApp.StartAsync(Settings(), services => services.AddSingleton<TimeProvider>(new ManualClock(Now))))
        {
            // What `demo` does, in order: sample sync, drafts for review, the digest (sent to maildev, recorded in the ledger).
            await app.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
            await DemoCommand.DraftSampleAsync(app.Services, CancellationToken.None);
            var digest = app.Services.GetRequiredService<WeeklyDigestJob>();
            var outcome = await digest.SendAsync(Week, force: false, CancellationToken.None);
            Assert.True(outcome.Sent, "the golden run sends the week's digest once");

            Check("digest.txt", Digest(await digest.ComposeAsync(Week, CancellationToken.None)));
            draftId = (await app.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None))
                .Select(d => d.Id).Order(StringComparer.Ordinal).First();
            Check("http.txt", await HttpAsync(app, draftId));
            // After the HTTP reads, which may store signal snapshots (on the fixed clock), and before the CLI (on the real clock).
            Check("tables.txt", await TablesAsync());
        }

        Check("cli.txt", await CliAsync(draftId));

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    /// <summary>The local runner's own settings (src/TechLead.Local/appsettings.json) with this test's tables and mail relay.</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        ["Team:Name"] = "Sample team",
        ["Team:TimeZone"] = "UTC",
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:TablePrefix"] = _tablePrefix,
        ["Sample:Seed"] = "42",
        ["Sample:Weeks"] = "12",
        ["Jira:Projects:0"] = "SHOP",
        ["Digest:Recipients:0"] = "tech-lead@example.com",
        ["Digest:From"] = "TechLead digest <digest@techlead.local>",
        ["Digest:OutputDirectory"] = Path.Combine(_workingDirectory, "out", "digests"),
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
    };

    private string Digest(DigestDocument document)
    {
        var text = new StringBuilder();
        text.Append("subject: ").Append(document.Subject).Append('\n');
        foreach (var image in document.Images)
        {
            text.Append("image: ").Append(image.ContentId).Append(' ').Append(PngSize(image.Png)).Append('\n');
        }

        text.Append("\n=== text ===\n").Append(document.Text);
        text.Append("\n=== html ===\n").Append(document.Html);
        text.Append("\n=== file html (charts embedded) ===\n").Append(DataUri().Replace(document.FileHtml, m => $"data:image/png;base64,<{EmbeddedPngSize(m.Groups[1].Value)}>"));
        return Lines(Normalize(text.ToString()));
    }

    /// <summary>An embedded chart's size; the base64 may be HTML-encoded (&#x2B; for +).</summary>
    private static string EmbeddedPngSize(string base64)
    {
        var decoded = System.Net.WebUtility.HtmlDecode(base64);
        var bytes = new byte[decoded.Length];
        return Convert.TryFromBase64String(decoded, bytes, out var written) ? PngSize(bytes[..written]) : $"{decoded.Length} base64 characters, not decodable";
    }

    /// <summary>Width x height from the PNG's IHDR chunk.</summary>
    private static string PngSize(byte[] png) =>
        png.Length < 24 ? $"{png.Length} bytes" : $"{System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))}x{System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))} png";

    private async Task<string> HttpAsync(ServedApp app, string firstDraft)
    {
        var text = new StringBuilder();
        string[] reads =
        [
            "/api/health",
            "/api/teams",
            "/api/signals",
            "/api/signals?week=2026-W46",
            "/api/signals/trend",
            "/api/signals/trend?weeks=4&team=Sample%20team",
            "/api/drafts",
            "/api/drafts?status=pending-review&kind=adr-summary",
            $"/api/drafts/{firstDraft}",
            "/api/dashboard",
            "/api/feedback/sbi",
            // Refusals: a malformed week, an unknown team, an unknown draft, an unknown route.
            "/api/signals?week=2026-47",
            "/api/signals/trend?weeks=0",
            "/api/drafts?team=Nobody",
            "/api/drafts/rn-0000000000000000",
            "/api/nothing-here",
        ];
        foreach (var path in reads)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            await AppendAsync(text, app.Client, request);
        }

        // A bad SBI request (no parts), an SBI request without the dashboard's CSRF header, and an unsigned webhook.
        using (var request = Post("/api/feedback/sbi", "{}", csrf: true))
        {
            await AppendAsync(text, app.Client, request);
        }

        using (var request = Post("/api/feedback/sbi", """{"situation":"s","behavior":"b","impact":"i"}""", csrf: false))
        {
            await AppendAsync(text, app.Client, request);
        }

        using (var request = Post("/api/feedback/sbi", "situation=s", csrf: true, mediaType: "application/x-www-form-urlencoded"))
        {
            await AppendAsync(text, app.Client, request);
        }

        using (var request = Post("/api/github/webhook", """{"zen":"x"}""", csrf: false))
        {
            request.Headers.Add("X-GitHub-Event", "ping");
            await AppendAsync(text, app.Client, request);
        }

        return Lines(text.ToString());
    }

    private static HttpRequestMessage Post(string path, string body, bool csrf, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (csrf)
        {
            request.Headers.Add(AccessGate.CsrfHeader, "techlead-dashboard");
        }

        return request;
    }

    private async Task AppendAsync(StringBuilder text, HttpClient client, HttpRequestMessage request)
    {
        // Before sending: the client makes the URI absolute (with the free port).
        var target = Uri.UnescapeDataString(request.RequestUri!.OriginalString);
        using var response = await client.SendAsync(request);
        var raw = Normalize(await response.Content.ReadAsStringAsync());
        text.Append("### ").Append(request.Method).Append(' ').Append(target).Append('\n');
        text.Append("status: ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append('\n');
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key.ToLowerInvariant()}: {Header(h.Key, h.Value)}")
            .Order(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            text.Append(header).Append('\n');
        }

        // The readable form shows what changed; the raw body's hash after it pins the body byte for byte.
        text.Append("body:\n").Append(Readable(raw, response.Content.Headers.ContentType)).Append('\n');
        text.Append("body-sha256: ").Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))).Append("\n\n");
    }

    private string Header(string name, IEnumerable<string> values)
    {
        var value = string.Join(", ", values);
        return name.Equals("ETag", StringComparison.OrdinalIgnoreCase) ? ETag().Replace(value, "\"<version>\"") : Normalize(value);
    }

    /// <summary>JSON indented (property order and number text kept), anything else as sent.</summary>
    private static string Readable(string raw, MediaTypeHeaderValue? type)
    {
        if (type?.MediaType is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase) && raw.Length > 0)
        {
            using var json = JsonDocument.Parse(raw);
            return JsonSerializer.Serialize(json.RootElement, Pretty);
        }

        return raw;
    }

    /// <summary>Every row of every table this test's prefix owns: sorted, typed, without Timestamp and ETag.</summary>
    private async Task<string> TablesAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            if (table.Name.StartsWith(_tablePrefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        var text = new StringBuilder();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var rows = new List<TableEntity>();
            await foreach (var row in service.GetTableClient(name).QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }

            text.Append("## table ").Append(name[_tablePrefix.Length..]).Append(" (").Append(rows.Count).Append(" rows)\n");
            foreach (var row in rows.OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal))
            {
                text.Append("row ").Append(Quote(row.PartitionKey)).Append(' ').Append(Quote(row.RowKey)).Append('\n');
                foreach (var (key, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    // A snapshot's fingerprint hashes the compiled code's module version id: any rebuild of src/ changes it.
                    text.Append("  ").Append(key).Append(": ").Append(key == "Fingerprint" ? "String <fingerprint>" : Typed(value)).Append('\n');
                }
            }

            text.Append('\n');
        }

        return Lines(Guids().Replace(Normalize(text.ToString()), "<guid>"));
    }

    private static string Typed(object? value) => value switch
    {
        null => "null",
        string s => "String " + Quote(s),
        DateTimeOffset d => "DateTime " + d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => "DateTime " + d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        bool b => "Boolean " + (b ? "true" : "false"),
        int i => "Int32 " + i.ToString(CultureInfo.InvariantCulture),
        long l => "Int64 " + l.ToString(CultureInfo.InvariantCulture),
        double d => "Double " + d.ToString("R", CultureInfo.InvariantCulture),
        Guid g => "Guid " + g.ToString("D"),
        byte[] b => "Binary " + Convert.ToBase64String(b),
        BinaryData b => "Binary " + Convert.ToBase64String(b.ToArray()),
        _ => value.GetType().Name + " " + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>One line whatever the text holds (stored JSON and Markdown), so rows stay one property a line.</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, Pretty);

    /// <summary>
    /// The CLI's read commands, each in its own process over the tables the run stored; four at a time (they only read),
    /// printed in this order whatever order they end in.
    /// </summary>
    private async Task<string> CliAsync(string draftId)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = _tablePrefix,
            ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["NO_COLOR"] = "1",
        };
        (bool WithStdErr, string[] Arguments)[] commands =
        [
            (false, ["signals", "--week", Week.ToString()]),
            (false, ["signals", "--week", Week.ToString(), "--json"]),
            (false, ["signals", "--week", "2026-W46", "--team", "sample TEAM", "--json"]),
            (false, ["drafts", "list"]),
            (false, ["drafts", "list", "--json"]),
            (false, ["drafts", "show", draftId]),
            (false, ["drafts", "show", draftId, "--json"]),
            // Refusals: a malformed week, an unknown team, an unknown draft.
            (true, ["signals", "--week", "2026-47"]),
            (true, ["signals", "--team", "Billing", "--week", Week.ToString()]),
            (true, ["drafts", "show", "rn-0000000000000000"]),
        ];
        using var slots = new SemaphoreSlim(4);
        var results = await Task.WhenAll(commands.Select(async command =>
        {
            await slots.WaitAsync();
            try
            {
                return await LocalRunner.RunAsync(environment, _workingDirectory, command.Arguments);
            }
            finally
            {
                slots.Release();
            }
        }));

        var text = new StringBuilder();
        foreach (var ((withStdErr, arguments), result) in commands.Zip(results))
        {
            text.Append("$ techlead ").AppendJoin(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)).Append('\n');
            text.Append("exit: ").Append(result.ExitCode).Append('\n');
            text.Append(result.StdOut);
            if (withStdErr)
            {
                text.Append("stderr:\n").Append(result.StdErr.Replace("\r\n", "\n", StringComparison.Ordinal));
            }

            text.Append('\n');
        }

        return Lines(Normalize(text.ToString()));
    }

    private string Normalize(string text)
    {
        text = TableETags().Replace(Versions().Replace(text, "$1<version>$2"), "<etag>");
        text = TraceParents().Replace(text, "<traceparent>");
        // Free ports and the table prefix differ per run.
        return text
            .Replace($"127.0.0.1:{azurite.Port}/", "127.0.0.1:<table-port>/", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{azurite.QueuePort}/", "127.0.0.1:<queue-port>/", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{maildev.SmtpPort}", "127.0.0.1:<smtp-port>", StringComparison.Ordinal)
            .Replace(_tablePrefix, "<prefix>", StringComparison.Ordinal);
    }

    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex(@"\b[0-9a-f]{32}\b")]
    private static partial Regex Guids();

    /// <summary>A draft version as JSON carries it: 20 hex digits in escaped quotes (<c>\"</c> or <c>\u0022</c>).</summary>
    [GeneratedRegex(@"(\\""|\\u0022)[0-9a-f]{20}(\\""|\\u0022)")]
    private static partial Regex Versions();

    [GeneratedRegex(@"""[0-9a-f]{20}""")]
    private static partial Regex ETag();

    /// <summary>A W3C traceparent (problem details' traceId): random per request.</summary>
    [GeneratedRegex(@"\b00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]\b")]
    private static partial Regex TraceParents();

    /// <summary>An Azurite ETag (its write time), bare or inside a JSON string.</summary>
    [GeneratedRegex(@"W/\\?""datetime'[^']*'\\?""")]
    private static partial Regex TableETags();

    [GeneratedRegex(@"data:image/png;base64,([^""')\s]+)")]
    private static partial Regex DataUri();
}
