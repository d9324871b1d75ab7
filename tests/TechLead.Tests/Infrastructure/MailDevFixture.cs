using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace TechLead.Tests.Infrastructure;

/// <summary>A real maildev SMTP server; what arrived is read back through its REST API.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "techlead-maildev-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new();
    private NodeService? _service;

    public int SmtpPort { get; } = NodeService.FreePort();

    public int WebPort { get; } = NodeService.FreePort();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _http.BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/");
        _service = await NodeService.StartAsync("maildev/dist/bin/maildev.js",
            ["--smtp", SmtpPort.ToString(CultureInfo.InvariantCulture), "--web", WebPort.ToString(CultureInfo.InvariantCulture),
             "--ip", "127.0.0.1", "--mail-directory", _directory], WebPort);
    }

    internal async Task<IReadOnlyList<ReceivedMail>> MailsAsync() =>
        await _http.GetFromJsonAsync<List<ReceivedMail>>("api/email") ?? [];

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}

internal sealed record ReceivedMail(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("to")] IReadOnlyList<MailAddressJson> To,
    [property: JsonPropertyName("headers")] Dictionary<string, object>? Headers);

internal sealed record MailAddressJson([property: JsonPropertyName("address")] string Address);
