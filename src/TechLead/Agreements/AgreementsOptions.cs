using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Agreements;

/// <summary>
/// One agreement as written in settings (<c>Teams:N:Agreements:M:*</c>, or <c>Team:Agreements:M:*</c> for one team).
/// Numbers are read as text so a typo is reported with the setting's name rather than as a binder exception.
/// </summary>
internal sealed class AgreementSettings
{
    /// <summary>A signal id from the catalogue, e.g. <c>time_to_first_review</c>.</summary>
    public string? Signal { get; set; }

    /// <summary><c>value</c> (the signal's headline number: a median for durations and sizes; the default), <c>median</c>, or <c>p90</c>.</summary>
    public string? Statistic { get; set; }

    public string? Min { get; set; }

    public string? Max { get; set; }

    /// <summary>The unit Min and Max are written in, e.g. <c>hours</c>, <c>days</c>, <c>percent</c>, <c>lines</c>.</summary>
    public string? Unit { get; set; }
}

/// <summary>A team's agreements as configured, with the setting prefix they were read from (for messages).</summary>
internal sealed record TeamAgreementSettings(string Team, string Prefix, IReadOnlyList<AgreementSettings> Agreements);

/// <summary>Every team's working agreements (section <c>Teams:N:Agreements</c> or <c>Team:Agreements</c>).</summary>
internal sealed class AgreementsOptions
{
    public List<TeamAgreementSettings> Teams { get; set; } = [];

    /// <summary>The agreements of each configured team: the several teams of <c>Teams:N</c>, else the one of <c>Team</c>.</summary>
    public static List<TeamAgreementSettings> Read(IConfiguration configuration)
    {
        return TeamsOptions.ReadEach(configuration, "Agreements", team => new TeamAgreementSettings(team.Team, team.Prefix, ReadList(team.Settings)));
    }

    private static List<AgreementSettings> ReadList(IConfigurationSection section) =>
        section.GetChildren()
            .OrderBy(a => int.TryParse(a.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .Select(a => a.Get<AgreementSettings>() ?? new AgreementSettings())
            .ToList();
}

/// <summary>Every agreement names a known signal, a unit that fits it and at least one bound (the digest and chat rely on it).</summary>
internal sealed class AgreementsOptionsValidator : IValidateOptions<AgreementsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgreementsOptions options)
    {
        var problems = new SettingProblems();
        foreach (var team in options.Teams)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < team.Agreements.Count; i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"{team.Prefix}:{i}");
                if (Agreement.TryCreate(team.Team, prefix, team.Agreements[i], problems) is { } agreement && !seen.Add(agreement.Key))
                {
                    problems.Add($"{prefix}:Signal", $"repeats the {agreement.Signal.Id} {agreement.Statistic} agreement; a team agrees once on each signal and statistic", $"{prefix}:Statistic=p90");
                }
            }
        }

        return problems.ToResult();
    }
}
