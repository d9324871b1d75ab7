using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Functions;
using TechLead.Tests.Functions;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// Start-up, from process start to the first successful answer, each target against a bare app built the same way
/// (Release, same TFM and SDK), the two started alternately in the same run: serve to its first 200 from /api/health
/// (against real Azurite), the Functions worker's composition to its first function invocation, a CLI command to exit.
/// </summary>
internal sealed class StartupBenchmark : IBenchmark
{
    private const string ChildArgument = "startup-child";
    private const string TablePrefix = "startupbench";

    public string Name => "startup";

    public string Description => "Start-up: serve, the Functions worker and a CLI command against bare apps, process start to first answer";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var runs = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 10;
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var local = Path.Combine(AppContext.BaseDirectory, "TechLead.Local.dll");
        var bare = Path.Combine(AppContext.BaseDirectory, "BareWeb.dll");
        var bench = Path.Combine(AppContext.BaseDirectory, "TechLead.Bench.dll");
        var storage = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = TablePrefix,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__TechLead"] = "Warning",
        };

        var targets = new (string Name, string Baseline, Func<Task<double>> Product, Func<Task<double>> Bare)[]
        {
            ("`TechLead.Local serve` to first 200 from /api/health", "bare minimal app to first 200",
                () => ServeAsync(local, ["serve", "--no-schedule"], storage, cancellationToken),
                () => ServeAsync(bare, [], storage, cancellationToken)),
            ("Functions worker: host built as the tests build it to first /api/health invocation", "bare worker host to first invocation",
                () => ExitAsync(bench, [ChildArgument, "worker", azurite.ConnectionString], storage, cancellationToken),
                () => ExitAsync(bench, [ChildArgument, "bare-worker"], storage, cancellationToken)),
            ("`TechLead.Local signals --help` to exit", "bare console app to exit",
                () => ExitAsync(local, ["signals", "--help"], storage, cancellationToken),
                () => ExitAsync(bare, ["exit"], storage, cancellationToken)),
        };

        // One untimed round first: creates the tables (so every timed serve meets existing, empty storage) and warms the disk cache.
        foreach (var target in targets)
        {
            await target.Product();
            await target.Bare();
        }

        var times = targets.Select(_ => (Product: new List<double>(), Bare: new List<double>())).ToArray();
        for (var run = 0; run < runs; run++)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                // Alternate which goes first, so neither always meets the other's leftovers.
                if (run % 2 == 0)
                {
                    times[t].Product.Add(await targets[t].Product());
                    times[t].Bare.Add(await targets[t].Bare());
                }
                else
                {
                    times[t].Bare.Add(await targets[t].Bare());
                    times[t].Product.Add(await targets[t].Product());
                }
            }
        }

        output.WriteLine($"`scripts/bench startup {runs}`: {runs} runs, product and baseline alternately; each a new process (`dotnet X.dll`,");
        output.WriteLine("Release build). serve meets empty tables in Azurite (in memory, loopback; created by an untimed first round).");
        output.WriteLine();
        output.WriteLine("| target | median ms | p90 ms | baseline | baseline median ms | baseline p90 ms | ratio (medians) |");
        output.WriteLine("|---|---:|---:|---|---:|---:|---:|");
        for (var t = 0; t < targets.Length; t++)
        {
            var (product, baseline) = times[t];
            output.WriteLine(FormattableString.Invariant(
                $"| {targets[t].Name} | {Percentile(product, 0.5):F0} | {Percentile(product, 0.9):F0} | {targets[t].Baseline} | {Percentile(baseline, 0.5):F0} | {Percentile(baseline, 0.9):F0} | {Percentile(product, 0.5) / Percentile(baseline, 0.5):F2}x |"));
        }
    }

    /// <summary>The worker side of the measurement, in a process of its own: <c>TechLead.Bench startup-child worker|bare-worker</c>.</summary>
    public static async Task<int> ChildAsync(IReadOnlyList<string> arguments)
    {
        if (arguments is not [ChildArgument, var which, ..])
        {
            return 2;
        }

        if (which == "worker")
        {
            // The host exactly as the Functions tests build it (Program's FunctionsHost.CreateBuilder, the sample settings,
            // validation on build and at start), then the health function created and invoked as the worker does.
            using var host = FunctionsApp.Build(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = arguments[2],
                ["Storage:TablePrefix"] = TablePrefix,
            });
            using var scope = host.Services.CreateScope();
            var function = ActivatorUtilities.CreateInstance<DashboardFunctions>(scope.ServiceProvider);
            return await InvokeAsync(scope.ServiceProvider, r => function.Health(r, CancellationToken.None));
        }

        // The same steps on a worker host with nothing of the product's.
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        using var bare = builder.Build();
        bare.Services.GetRequiredService<IStartupValidator>().Validate();
        using var bareScope = bare.Services.CreateScope();
        var bareFunction = ActivatorUtilities.CreateInstance<BareFunction>(bareScope.ServiceProvider);
        return await InvokeAsync(bareScope.ServiceProvider, bareFunction.Run);
    }

    private static async Task<int> InvokeAsync(IServiceProvider services, Func<HttpRequest, Task<IActionResult>> function)
    {
        var request = FunctionsApp.Request(services, "GET", "");
        var result = await function(request);
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        return request.HttpContext.Response.StatusCode == StatusCodes.Status200OK ? 0 : 1;
    }

    private static async Task<double> ServeAsync(string dll, string[] arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = NodeService.FreePort();
        var address = $"http://127.0.0.1:{port}";
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        using var process = Start(dll, [.. arguments, "--urls", address], environment);
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return watch.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before answering");
                }

                await Task.Delay(5, cancellationToken);
            }

            throw new TimeoutException($"{Path.GetFileName(dll)} did not answer /api/health within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<double> ExitAsync(string dll, string[] arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(dll, arguments, environment);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        return process.ExitCode == 0
            ? elapsed
            : throw new InvalidOperationException($"{Path.GetFileName(dll)} {string.Join(' ', arguments.Take(2))} exited with {process.ExitCode}");
    }

    private static Process Start(string dll, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{dll} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>The bare worker's only function.</summary>
    private sealed class BareFunction
    {
        public Task<IActionResult> Run(HttpRequest request) => Task.FromResult<IActionResult>(new OkObjectResult(new { status = "ok" }));
    }
}
