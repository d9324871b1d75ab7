using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Signals;

namespace TechLead.Agreements;

/// <summary>Each team's validated working agreements, and where they stand in a week.</summary>
internal sealed class TeamAgreements
{
    private readonly Dictionary<string, IReadOnlyList<Agreement>> _byTeam = new(StringComparer.OrdinalIgnoreCase);

    public TeamAgreements(IOptions<AgreementsOptions> options)
    {
        foreach (var team in options.Value.Teams)
        {
            // Validated at start-up; a problem here would already have stopped the host.
            var problems = new SettingProblems();
            _byTeam[team.Team] = team.Agreements
                .Select((a, i) => Agreement.TryCreate(team.Team, $"{team.Prefix}:{i}", a, problems))
                .OfType<Agreement>()
                .ToList();
        }
    }

    /// <summary>How many weeks back "since" looks.</summary>
    public const int Weeks = SignalReports.DefaultWeeks;

    public IReadOnlyList<Agreement> For(string team) => _byTeam.TryGetValue(team, out var list) ? list : [];

    /// <summary>The team's agreements in the newest of <paramref name="reports"/> (oldest first); empty when it has none.</summary>
    public IReadOnlyList<AgreementStatus> Evaluate(string team, IReadOnlyList<SignalReport> reports) =>
        AgreementEvaluator.Evaluate(For(team), reports);
}
