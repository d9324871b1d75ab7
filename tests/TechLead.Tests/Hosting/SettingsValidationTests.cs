using TechLead.Hosting;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Hosting;

public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Team:Name", "", "Setting 'Team:Name' is required")]
    [InlineData("Team:TimeZone", "Europe/Pariss", "Setting 'Team:TimeZone' is 'Europe/Pariss', which is not an IANA time zone")]
    [InlineData("Digest:Recipients:0", "not-an-address", "Setting 'Digest:Recipients:0' is 'not-an-address'")]
    [InlineData("Smtp:Port", "70000", "Setting 'Smtp:Port' is 70000")]
    [InlineData("Smtp:Host", "", "Setting 'Smtp:Host' is required")]
    [InlineData("Storage:ConnectionString", "", "Setting 'Storage:ConnectionString' is empty")]
    [InlineData("Storage:TablePrefix", "1-bad", "Setting 'Storage:TablePrefix'")]
    public void A_bad_setting_stops_start_up_with_a_message_naming_it_and_an_example(string key, string value, string expected)
    {
        var settings = Valid();
        settings[key] = value;

        var problems = Problems(settings);

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.Contains("Example: ", problem, StringComparison.Ordinal);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        var settings = Valid();
        settings["Team:Name"] = "";
        settings["Smtp:Host"] = "";

        Assert.Equal(2, Problems(settings).Count);
    }

    [Fact]
    public void Valid_settings_start()
    {
        using var host = TestHost.Build(Valid());
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Team:Name"] = "Payments",
        ["Team:TimeZone"] = "Europe/Amsterdam",
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Digest:Recipients:0"] = "lead@example.com",
        ["Smtp:Host"] = "smtp.example.com",
        ["Smtp:Port"] = "587",
    };

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings) => TestHost.StartupProblems(settings);
}
