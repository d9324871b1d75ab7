using TechLead.Queues;
using TechLead.Storage;

namespace TechLead.Doctor;

/// <summary>Table Storage and Queue Storage answer (the same probes as serve's start and /api/health), and no poison message waits.</summary>
internal sealed class StorageConnection(TableStore tables, WorkQueues queues, QueueFailures failures) : IDoctorCheck
{
    public string Name => "Storage";

    public bool IsConfigured => true;

    public string NotConfigured => "";

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions run, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(tables.CheckAsync(cancellationToken), queues.CheckAsync(cancellationToken));
        var results = checks.Select(c => c.Reachable
            ? DoctorResult.Ok(Name, c.Service, c.Describe())
            : DoctorResult.Failed(Name, c.Service, c.Describe(), c.Setting, "Start the storage emulator, or correct the address or the identity's role.")).ToList();
        if (checks.All(c => c.Reachable))
        {
            var poisoned = await failures.PoisonedAsync(cancellationToken);
            results.AddRange(poisoned.Select(p => DoctorResult.Failed(Name, $"{p.Queue}-poison", $"{p.Subject} failed{(p.Attempts is { } n ? $" {n} times" : "")}: {p.Reason ?? "no reason recorded"}",
                $"{p.Queue}-poison",
                "Fix the cause named here, run the timer again (or sync github/jira --enqueue), then clear the poison queue (docs/queues.md).")));
            if (poisoned.Count == 0)
            {
                results.Add(DoctorResult.Ok(Name, "poison queues", "no poison message waiting"));
            }
        }

        return results;
    }
}
