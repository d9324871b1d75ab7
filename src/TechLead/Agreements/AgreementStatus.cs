using System.Text.Json.Serialization;
using TechLead.Hosting;
using TechLead.Signals;

namespace TechLead.Agreements;

/// <summary>Where an agreement stands in a closed week. JSON writes it as its stored string (<c>"no_data"</c>).</summary>
[JsonConverter(typeof(StoredStringJsonConverter<AgreementState>))]
public enum AgreementState
{
    [StoredAs("kept")]
    Kept,

    [StoredAs("broken")]
    Broken,

    /// <summary>The week has not enough data for the signal: neither kept nor broken.</summary>
    [StoredAs("no_data")]
    NoData,
}

/// <summary>The one place an <see cref="AgreementState"/> meets its string: in JSON answers and the chat ledger.</summary>
internal static class AgreementStates
{
    public static string ToStoredString(this AgreementState state) => StoredStrings<AgreementState>.Of(state);

    /// <summary>A stored state, or null for none or an unknown one.</summary>
    public static AgreementState? Parse(string? stored) => StoredStrings<AgreementState>.Parse(stored);
}

/// <summary>
/// An agreement in the last week of a run of weekly reports: kept, broken or without data; the measured number; and
/// since which week it has been so (<see cref="SinceAtLeast"/> when the run reaches back past the weeks looked at).
/// Weeks without data neither break nor end a run. <see cref="PreviousState"/> is the state of the closest earlier week
/// with data (null when none): a change from it is what chat announces.
/// </summary>
public sealed record AgreementStatus(
    Agreement Agreement,
    string Week,
    AgreementState State,
    double? Measured,
    string? Since,
    bool SinceAtLeast,
    int WeeksInState,
    AgreementState? PreviousState)
{
    public string Signal => Agreement.Signal.Id;

    public string Description => Agreement.Description;

    /// <summary>"p90 539.4 lines, 139.4 lines over", "11.1%, within the agreement", "not enough data this week".</summary>
    public string Detail => Measured is { } measured
        ? $"{(Agreement.Statistic == Agreement.P90 ? "p90 " : "")}{Agreement.Written(measured)}, {Agreement.Gap(measured)}"
        : "not enough data this week";

    /// <summary>"broken since 2026-W41", "kept since at least 2026-W36".</summary>
    public string SinceText => Since is null ? "" : $"{(State == AgreementState.Broken ? "broken" : "kept")} since {(SinceAtLeast ? "at least " : "")}{Since}";
}

/// <summary>Evaluates agreements over weekly reports: pure, no storage, no clock.</summary>
internal static class AgreementEvaluator
{
    /// <summary>Each agreement's status in the newest of <paramref name="reports"/> (oldest first).</summary>
    public static IReadOnlyList<AgreementStatus> Evaluate(IReadOnlyList<Agreement> agreements, IReadOnlyList<SignalReport> reports) =>
        reports.Count == 0 ? [] : agreements.Select(a => Evaluate(a, reports)).ToList();

    public static AgreementStatus Evaluate(Agreement agreement, IReadOnlyList<SignalReport> reports)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var states = reports.Select(r => agreement.Measure(r.Find(agreement.Signal.Id)) is { } m
            ? (r.Week, State: agreement.Keeps(m) ? AgreementState.Kept : AgreementState.Broken)
            : (r.Week, State: AgreementState.NoData)).ToList();
        var last = reports[^1];
        var measured = agreement.Measure(last.Find(agreement.Signal.Id));
        var state = states[^1].State;
        if (state == AgreementState.NoData)
        {
            var before = states.Where(s => s.State != AgreementState.NoData).Select(s => (AgreementState?)s.State).LastOrDefault();
            return new AgreementStatus(agreement, last.Week, state, null, null, false, 0, before);
        }

        // Walk back over the run of the same state; weeks without data do not end it.
        var since = states.Count - 1;
        var weeks = 0;
        AgreementState? previous = null;
        for (var i = states.Count - 1; i >= 0; i--)
        {
            if (states[i].State == AgreementState.NoData)
            {
                continue;
            }

            if (states[i].State != state)
            {
                previous = states[i].State;
                break;
            }

            since = i;
            weeks++;
        }

        return new AgreementStatus(agreement, last.Week, state, measured, states[since].Week, SinceAtLeast: previous is null && since == 0, weeks, previous);
    }
}
