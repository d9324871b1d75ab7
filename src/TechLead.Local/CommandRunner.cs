using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using TechLead.Digest;
using TechLead.Hosting;
using TechLead.Storage;

namespace TechLead.Local;

/// <summary>Runs a command body against a freshly built host and turns known failures into clear messages and exit codes.</summary>
internal static class CommandRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadSettings = 2;
    public const int Unreachable = 3;

    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            using var host = LocalHost.Build();
            return await body(host.Services, cancellationToken);
        }
        catch (Exception e) when (SettingProblems.From(e) is { } problems)
        {
            foreach (var problem in problems)
            {
                Error(problem);
            }

            return BadSettings;
        }
        catch (StorageUnavailableException e)
        {
            Error(e.Message);
            return Unreachable;
        }
        catch (DigestDeliveryException e)
        {
            // The week's digest was marked failed, not sent: running the command again sends it.
            Error(e.Message);
            return e.InnerException is SocketException ? Unreachable : Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Error("Cancelled.");
            return Failed;
        }
    }

    public static void Error(string message) =>
        Console.Error.WriteLine($"error: {message}");

    /// <summary>Progress for long steps, on stderr so stdout stays clean for machine-readable output.</summary>
    public static IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
