using Microsoft.Extensions.Options;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Drafting;

public sealed class DraftingSettingsTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] drafting)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Team:Name"] = "Test team",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Digest:Recipients:0"] = "lead@example.com",
            ["Smtp:Host"] = "127.0.0.1",
        };
        foreach (var (key, value) in drafting)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public void Bad_drafting_settings_stop_the_start_naming_every_setting()
    {
        // Two capabilities' options fail, so the host's start-up validator reports both in an AggregateException.
        var error = Assert.Throws<AggregateException>(() => TestHost.Build(Settings(
            ("Drafting:Endpoint", "http://my-resource.openai.azure.com"),
            ("Drafting:MaxRetries", "99"),
            ("Drafting:LinkHosts:0", "https://acme.atlassian.net/browse"),
            ("ReleaseNotes:WriteDraftRelease", "true"))).Dispose());

        var messages = string.Join("\n", error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("Setting 'Drafting:Endpoint'", messages, StringComparison.Ordinal);
        Assert.Contains("Setting 'Drafting:Deployment' is empty although Drafting:Endpoint is set", messages, StringComparison.Ordinal);
        Assert.Contains("Setting 'Drafting:MaxRetries' is 99; use 0 to 10", messages, StringComparison.Ordinal);
        Assert.Contains("Setting 'Drafting:LinkHosts:0'", messages, StringComparison.Ordinal);
        Assert.Contains("Setting 'ReleaseNotes:GitHubToken'", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void No_endpoint_means_offline_drafting_and_starts_cleanly()
    {
        using var host = TestHost.Build(Settings());

        var model = (TechLead.Drafting.ILanguageModel)host.Services.GetService(typeof(TechLead.Drafting.ILanguageModel))!;

        Assert.False(model.IsConfigured);
    }
}
