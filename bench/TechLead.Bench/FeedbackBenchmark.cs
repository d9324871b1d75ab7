using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using TechLead.Feedback;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// SBI feedback with the offline drafter: latency over real HTTP through a <c>TechLead.Local serve</c> process
/// (first request after start, then steady state), against GET /api/health in the same run as the baseline,
/// plus the in-process cost of checking and drafting.
/// </summary>
internal sealed class FeedbackBenchmark : IBenchmark
{
    private const string Request =
        """
        {"kind":"constructive","situation":"During yesterday's sprint planning meeting",
         "behavior":"I think you interrupted Priya three times while she presented the estimate",
         "impact":"I felt frustrated because we didn't get to hear her reasoning, and the team lost twenty minutes going back over the estimate. Please let people finish.",
         "audience":"peer","tone":"direct","keep":false}
        """;

    public string Name => "feedback";

    public string Description => "SBI feedback: offline drafting latency over HTTP through serve, against /api/health";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var iterations = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 300;
        var port = NodeService.FreePort();
        var local = Path.Combine(AppContext.BaseDirectory, "TechLead.Local.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[] { local, "serve", "--urls", $"http://127.0.0.1:{port}", "--no-schedule" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__TechLead"] = "Warning";
        var started = Stopwatch.StartNew();
        using var server = Process.Start(info) ?? throw new InvalidOperationException("serve did not start");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitForPortAsync(port, cancellationToken);
            var listening = started.Elapsed;
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var cold = await TimeAsync(() => PostAsync(client, cancellationToken));
            var sbi = new List<double>();
            var health = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                health.Add(await TimeAsync(() => client.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken)));
                sbi.Add(await TimeAsync(() => PostAsync(client, cancellationToken)));
            }

            var inProcess = InProcess(iterations * 10);

            output.WriteLine("## Feedback");
            output.WriteLine();
            output.WriteLine($"`scripts/bench feedback {iterations}`: `TechLead.Local serve` as a child process, offline drafter (no language model),");
            output.WriteLine($"{iterations} sequential requests each, alternating, on one keep-alive connection; baseline GET /api/health in the same run.");
            output.WriteLine();
            output.WriteLine("| measurement | median ms | p90 ms | max ms |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine($"| serve start to listening | {listening.TotalMilliseconds:F0} | | |");
            output.WriteLine($"| first POST /api/feedback/sbi after start (cold) | {cold:F1} | | |");
            output.WriteLine(Row("POST /api/feedback/sbi (warm)", sbi));
            output.WriteLine(Row("GET /api/health (baseline)", health));
            output.WriteLine(Row("in process: check input + 2 offline drafts + check drafts", inProcess));
            output.WriteLine();
            output.WriteLine($"Ratio, warm SBI median over baseline median: {Median(sbi) / Median(health):F2}x.");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task PostAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var content = new StringContent(Request, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/feedback/sbi", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static List<double> InProcess(int iterations)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new FeedbackOptions());
        var checker = new SbiChecker(options);
        var drafter = new OfflineSbiDrafter();
        var read = SbiRequestReader.Read(Encoding.UTF8.GetBytes(Request), 2000, new DateOnly(2025, 3, 14));
        var input = read.Input!;
        var today = new DateOnly(2025, 3, 14);
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            var findings = checker.CheckInput(input, today);
            foreach (var draft in drafter.Draft(input, findings))
            {
                checker.CheckDraft(draft.Parts, input, today);
                FactGuard.Check(draft.Text, input);
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        (await call() as IDisposable)?.Dispose();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        await call();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"serve did not listen on {port} within 60 s");
    }

    private static string Row(string name, List<double> values) =>
        $"| {name} | {Median(values):F2} | {Percentile(values, 0.9):F2} | {values.Max():F2} |";

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
