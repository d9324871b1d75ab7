using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Team;

public sealed class TeamOptions
{
    public const string Section = "Team";

    /// <summary>Shown in the digest subject and used as the digest's idempotency key.</summary>
    public string Name { get; set; } = "";

    /// <summary>IANA time zone the team's weeks are bucketed in.</summary>
    public string TimeZone { get; set; } = "UTC";
}

internal sealed class TeamOptionsValidator(IConfiguration configuration) : IValidateOptions<TeamOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamOptions options)
    {
        var problems = new SettingProblems();
        if (TeamsOptions.Read(configuration).Count > 0)
        {
            // Teams:N:* replaces the single team; its settings are validated there.
            return ValidateOptionsResult.Skip;
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            problems.Add("Team:Name", "is required", "Team:Name=Payments team");
        }

        if (!TeamCalendar.TryFindTimeZone(options.TimeZone, out _))
        {
            problems.Add("Team:TimeZone", $"is '{options.TimeZone}', which is not an IANA time zone", "Team:TimeZone=Europe/Paris");
        }

        return problems.ToResult();
    }
}
