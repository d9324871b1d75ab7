using System.Text.Json.Serialization;

namespace TechLead.Doctor;

/// <summary>One configured connection tried live (GitHub, Jira, mail, the model, chat, storage).</summary>
internal interface IDoctorCheck
{
    /// <summary>The connection's name in the table and the JSON ("GitHub", "Jira", ...).</summary>
    string Name { get; }

    /// <summary>False when nothing is configured for it: it is listed as skipped and does not fail the run.</summary>
    bool IsConfigured { get; }

    /// <summary>Why it is skipped when <see cref="IsConfigured"/> is false, naming the setting that turns it on.</summary>
    string NotConfigured { get; }

    /// <summary>
    /// Tries the connection; one result per thing checked. Never throws for a failure of the service (that is a
    /// failed result) and never puts a secret in a result: hosts only, setting names rather than values.
    /// </summary>
    Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions options, CancellationToken cancellationToken);
}

/// <summary>How a run goes: <see cref="SendTest"/> sends one test message by mail and to each chat channel (the CLI's --send-test only).</summary>
public sealed record DoctorOptions(bool SendTest);

[JsonConverter(typeof(JsonStringEnumConverter<DoctorStatus>))]
public enum DoctorStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("skipped")]
    Skipped,
}

/// <summary>
/// What one check found: the connection, what was checked (a repository, a project, the relay), whether it works,
/// what was seen, and for a failure the setting to change and how.
/// </summary>
public sealed record DoctorResult(string Connection, string Subject, DoctorStatus Status, string Detail, string? Setting = null, string? Fix = null)
{
    internal static DoctorResult Ok(string connection, string subject, string detail) => new(connection, subject, DoctorStatus.Ok, detail);

    internal static DoctorResult Failed(string connection, string subject, string detail, string? setting, string? fix) =>
        new(connection, subject, DoctorStatus.Failed, detail, setting, fix);

    internal static DoctorResult Skipped(string connection, string subject, string detail) => new(connection, subject, DoctorStatus.Skipped, detail);
}

/// <summary>Every check's results; <see cref="Healthy"/> when nothing configured failed.</summary>
public sealed record DoctorReport(DateTimeOffset CheckedAt, IReadOnlyList<DoctorResult> Results)
{
    public bool Healthy => Results.All(r => r.Status != DoctorStatus.Failed);
}
