using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Sample;

namespace TechLead.Local.Commands;

/// <summary><c>sync</c>: pull activity into Table Storage. <c>sync sample</c> stores the generated sample workspace.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var sample = new Command("sample", "Store the deterministic sample workspace (3 repositories, 12 weeks) in Table Storage.");
        sample.SetAction((_, cancellationToken) => CommandRunner.RunAsync(SyncSampleAsync, cancellationToken));

        var command = new Command("sync", "Pull activity into Table Storage (default: the sample workspace).") { sample };
        command.SetAction((_, cancellationToken) => CommandRunner.RunAsync(SyncSampleAsync, cancellationToken));
        return command;
    }

    private static async Task<int> SyncSampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var counts = await CommandRunner.Progress.Status().StartAsync("Storing the sample workspace…",
            _ => services.GetRequiredService<SampleSyncJob>().SyncAsync(cancellationToken));
        Console.WriteLine($"sample: stored {counts}.");
        return CommandRunner.Ok;
    }
}
