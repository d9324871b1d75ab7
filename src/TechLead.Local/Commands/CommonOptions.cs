using System.CommandLine;
using TechLead.Team;

namespace TechLead.Local.Commands;

internal static class CommonOptions
{
    /// <summary><c>--week 2026-W47</c>; defaults to the last complete week in the team's time zone.</summary>
    public static Option<IsoWeek?> Week() => new("--week")
    {
        Description = "ISO week, e.g. 2026-W47 (default: the last complete week in the team's time zone).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (IsoWeek.TryParse(text, out var week))
            {
                return week;
            }

            result.AddError($"--week '{text}' is not an ISO week; expected {IsoWeek.Expected}.");
            return null;
        },
    };

    /// <summary><c>--team Payments</c>: one of the configured teams (Teams:N:Name, or Team:Name).</summary>
    public static Option<string?> Team(string description) => new("--team") { Description = description };

    /// <summary>Every team when none is named, else the one named; empty after printing the configured teams when no team has that name.</summary>
    public static IReadOnlyList<TeamScope> Chosen(TeamDirectory teams, string? name) =>
        name is null ? teams.All : FindTeam(teams, name) is { } one ? [one] : [];

    /// <summary>The team named, or null after printing the configured teams when no team has that name.</summary>
    public static TeamScope? FindTeam(TeamDirectory teams, string? name)
    {
        if (teams.Find(name) is { } team)
        {
            return team;
        }

        CommandRunner.Error($"--team {teams.NotConfigured(name ?? "")} Settings: Teams:N:Name, or Team:Name for one team.");
        return null;
    }
}
