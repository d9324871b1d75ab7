using System.Diagnostics;

namespace TechLead.Tests.Infrastructure;

/// <summary>The real TechLead.Local program (built beside the tests) in its own process, as a person runs it.</summary>
internal static class LocalRunner
{
    public static async Task<LocalRunResult> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TechLead.Local.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Eventually.SafetyNet);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A run that never ends (serve listening when it should have refused) must not outlive the test.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"TechLead.Local {string.Join(' ', arguments)} did not exit within {Eventually.SafetyNet}; it was stopped.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new LocalRunResult(process.ExitCode, (await stdout).Replace("\r\n", "\n", StringComparison.Ordinal), await stderr);
    }
}

internal sealed record LocalRunResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}
