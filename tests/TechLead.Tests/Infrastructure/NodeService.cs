using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TechLead.Tests.Infrastructure;

/// <summary>
/// A real service from node_modules (Azurite, maildev) on loopback and free ports, started by the test run and
/// stopped with it. Fails with the service's own output when it does not come up.
/// </summary>
internal sealed class NodeService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NodeService(Process process) => _process = process;

    // The test process's exit handler does not always get to stop its services (the test host can be ended first), so
    // each service also watches the test process and exits once it is gone: no Azurite or maildev outlives a run.
    private static readonly Lazy<string> Watchdog = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "techlead-test-parent-watchdog.js");
        File.WriteAllText(path, """
            const parent = Number(process.env.TECHLEAD_TEST_PARENT_PID);
            setInterval(() => {
              try { process.kill(parent, 0); } catch { process.exit(0); }
            }, 1000).unref();
            """);
        return path;
    });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<NodeService> StartAsync(string scriptRelativeToNodeModules, IEnumerable<string> arguments, int waitForPort)
    {
        var script = Path.Combine(RepoPaths.NodeModules, scriptRelativeToNodeModules);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run 'npm ci' in {RepoPaths.Root} (scripts/test does).");
        }

        // Standard input redirected too: a service started from a background job that touched the terminal would be
        // stopped by the shell's job control (SIGTTIN), and a stopped process neither serves nor notices it is orphaned.
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(Watchdog.Value);
        info.Environment["TECHLEAD_TEST_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var service = new NodeService(process);
        process.OutputDataReceived += (_, e) => service.Record(e.Data);
        process.ErrorDataReceived += (_, e) => service.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Generous: on a loaded 2-core runner a cold node start can take tens of seconds; a healthy start returns at once.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, waitForPort);
                return service;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await service.DisposeAsync();
        throw new InvalidOperationException($"{Path.GetFileName(script)} did not listen on 127.0.0.1:{waitForPort}. Output:\n{service.Output}");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
