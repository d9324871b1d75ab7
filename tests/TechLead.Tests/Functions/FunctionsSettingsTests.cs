using TechLead.Hosting;

namespace TechLead.Tests.Functions;

/// <summary>The Functions app stops at start on a setting it cannot read, with the setting named (Program.cs logs each line and exits 2).</summary>
public sealed class FunctionsSettingsTests
{
    [Theory]
    [InlineData("Smtp__Port", "abc", "Setting 'Smtp:Port' is 'abc', which is not a whole number")]
    [InlineData("Queues__Workers", "many", "Setting 'Queues:Workers' is 'many'")]
    [InlineData("Schedules__SyncGitHub", "0 15 * * *", "Setting 'Schedules:SyncGitHub' is '0 15 * * *', which is not a six-field NCRONTAB schedule")]
    [InlineData("Logging__LogLevel__Default", "Loud", "Setting 'Logging:LogLevel:Default' is 'Loud'")]
    [InlineData("Telemetry__Console", "yes please", "Setting 'Telemetry:Console' is 'yes please', which is not true or false")]
    public void A_value_of_the_wrong_form_stops_the_worker_naming_the_setting(string key, string value, string expected)
    {
        var failure = Assert.ThrowsAny<Exception>(() => FunctionsApp.Build(new Dictionary<string, string?> { [key] = value }));

        var problems = SettingProblems.From(failure);
        Assert.True(problems is not null, failure.ToString());
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }
}
