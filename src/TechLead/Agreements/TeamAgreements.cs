using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;

namespace TechLead.Agreements;

/// <summary>Each team's validated working agreements, and where they stand in a week.</summary>
public sealed class TeamAgreements
{
    private readonly Dictionary<string, IReadOnlyList<Agreement>> _byTeam = new(StringComparer.OrdinalIgnoreCase);
    private readonly SignalTrendService _trends;

    public TeamAgreements(IOptions<AgreementsOptions> options, SignalTrendService trends)
    {
        _trends = trends;
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
    public const int Weeks = SignalTrendService.DefaultWeeks;

    public IReadOnlyList<Agreement> For(string team) => _byTeam.TryGetValue(team, out var list) ? list : [];

    /// <summary>The team's agreements in the newest of <paramref name="reports"/> (oldest first); empty when it has none.</summary>
    public IReadOnlyList<AgreementStatus> Evaluate(string team, IReadOnlyList<SignalReport> reports) =>
        AgreementEvaluator.Evaluate(For(team), reports);

    /// <summary>The team's agreements in <paramref name="week"/>, from the week and the 11 before it.</summary>
    public async Task<IReadOnlyList<AgreementStatus>> EvaluateAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (For(team.Name).Count == 0)
        {
            return [];
        }

        return Evaluate(team.Name, await _trends.ReportsAsync(team, week, Weeks, cancellationToken));
    }
}
