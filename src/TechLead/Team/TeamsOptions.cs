using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;

namespace TechLead.Team;

/// <summary>
/// The teams this deployment reports for: every <c>Teams:N</c> entry, or the one team of <c>Team:*</c> when there
/// are none.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    public List<TeamSettings> Teams { get; set; } = [];

    /// <summary>
    /// The teams as configured, unvalidated: for validators of other settings that depend on them, which must not
    /// repeat (or throw) the teams' own problems.
    /// </summary>
    public static List<TeamSettings> Read(IConfiguration configuration) =>
        Sections(configuration).Select(section =>
        {
            var team = section.Get<TeamSettings>() ?? new TeamSettings();
            team.Path = section.Path;
            return team;
        }).ToList();

    /// <summary>
    /// Each team's own section of one kind of settings (<c>Teams:N:Chat</c>, or <c>Team:Chat</c> for one team), in
    /// order, read by <paramref name="read"/>: the one way per-team settings are read, so every message names the
    /// setting by the same prefix.
    /// </summary>
    public static List<T> ReadEach<T>(IConfiguration configuration, string name, Func<TeamSection, T> read) =>
        Sections(configuration)
            .Select(team => read(new TeamSection((team["Name"] ?? "").Trim(), $"{team.Path}:{name}", team.GetSection(name))))
            .ToList();

    /// <summary>Each team's section, in order: <c>Teams:0</c>, <c>Teams:1</c>, ..., else <c>Team</c>. Other settings nest in it (Chat, Agreements).</summary>
    public static IReadOnlyList<IConfigurationSection> Sections(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var several = configuration.GetSection(Section).GetChildren()
            .OrderBy(t => int.TryParse(t.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .ToList();
        return several.Count > 0 ? several : [configuration.GetSection(TeamSettings.Section)];
    }
}

/// <summary>One team's section of one kind of settings: the team's name, the setting prefix messages name, the section.</summary>
public sealed record TeamSection(string Team, string Prefix, IConfigurationSection Settings);

/// <summary>
/// Each team well formed. That it reads only what the syncs fetch is checked by the GitHub and Jira settings, which
/// know what they sync (a repository nobody syncs would read as an idle team).
/// </summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var problems = new SettingProblems();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Teams.Count; i++)
        {
            var team = options.Teams[i];
            var prefix = team.Path;
            if (string.IsNullOrWhiteSpace(team.Name))
            {
                problems.Add($"{prefix}:Name", "is required", $"{prefix}:Name=Payments team");
            }
            else if (!names.Add(team.Name.Trim()))
            {
                // The name keys the digest's once-per-week record: two teams with one name would share it.
                problems.Add($"{prefix}:Name", $"is '{team.Name}', which an earlier team already uses; team names must differ", $"{prefix}:Name=Payments team");
            }

            if (!TeamCalendar.TryFindTimeZone(team.TimeZone, out _))
            {
                problems.Add($"{prefix}:TimeZone", $"is '{team.TimeZone}', which is not an IANA time zone", $"{prefix}:TimeZone=Europe/Paris");
            }

            if (team.IsListed && !team.Repositories.Any(r => !string.IsNullOrWhiteSpace(r)))
            {
                problems.Add($"{prefix}:Repositories", "is empty; each team needs at least one repository", $"{prefix}:Repositories:0=octo-org/payments-api");
            }

            for (var r = 0; r < team.Repositories.Count; r++)
            {
                if (string.IsNullOrWhiteSpace(team.Repositories[r]))
                {
                    continue;
                }

                if (!RepositoryName.TryParse(team.Repositories[r], out _))
                {
                    problems.Add($"{prefix}:Repositories:{r}", $"is '{team.Repositories[r]}', which is not owner/name", $"{prefix}:Repositories:{r}=octo-org/payments-api");
                }
            }

            for (var r = 0; r < team.Recipients.Count; r++)
            {
                if (!MailAddress.TryCreate(team.Recipients[r], out _))
                {
                    problems.Add($"{prefix}:Recipients:{r}", $"is '{team.Recipients[r]}', which is not an e-mail address", $"{prefix}:Recipients:{r}=lead@example.com");
                }
            }
        }

        return problems.ToResult();
    }
}
