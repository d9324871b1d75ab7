using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Queues;

namespace TechLead.Functions;

/// <summary>
/// The queue triggers' names are fixed at build time (<see cref="QueueNames"/>), so a prefix would send every message
/// to a queue no function listens to: the app refuses to start with one rather than enqueue work nobody does.
/// </summary>
public sealed class QueueTriggerNames : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var problems = new SettingProblems();
        if (options.Prefix.Length > 0)
        {
            problems.Add("Queues:Prefix", "must be empty in the Functions app, whose queue triggers listen to the unprefixed queue names", "Queues:Prefix=");
        }

        return problems.ToResult();
    }
}
