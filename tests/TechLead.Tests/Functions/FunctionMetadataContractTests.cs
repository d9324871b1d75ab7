using System.Text.Json.Nodes;
using Cronos;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Endpoints;
using TechLead.Hosting;
using TechLead.Local.Commands;
using TechLead.Queues;
using TechLead.Tests.Provisioning;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Functions;

/// <summary>
/// What the Functions host will index, read from the generated functions.metadata: every function as intended, the
/// same HTTP surface as <c>serve</c>, and every schedule setting present everywhere the app runs.
/// </summary>
public sealed class FunctionMetadataContractTests
{
    /// <summary>The timer functions as intended; each runs the job of the same name on <c>%Schedules:{Name}%</c>. Add a line per job.</summary>
    private static readonly string[] Timers = ["ExpireFeedback", "Notify", "ProcessDrafts", "ProcessWebhooks", "ReconcileWebhooks", "SyncGitHub", "SyncJira", "WeeklyDigest"];

    /// <summary>The queue-triggered functions and the queue each consumes (one per <see cref="IQueueHandler"/>). Add a line per queue.</summary>
    private static readonly Dictionary<string, string> QueueTriggers = new(StringComparer.Ordinal)
    {
        ["SyncGitHubRepository"] = QueueNames.SyncGitHub,
        ["SyncJiraProject"] = QueueNames.SyncJira,
        ["SendTeamDigest"] = QueueNames.Digest,
        ["ProcessWebhookDelivery"] = QueueNames.Webhook,
    };

    private static IEnumerable<FunctionEntry> Http => FunctionsApp.Metadata.Where(f => f.Trigger == "httpTrigger");

    private static IEnumerable<FunctionEntry> TimerFunctions => FunctionsApp.Metadata.Where(f => f.Trigger == "timerTrigger");

    [Fact]
    public void Every_function_is_an_http_function_of_the_route_table_or_an_intended_timer()
    {
        var expected = Routes.All.Select(r => r.Name).Concat(Timers).Concat(QueueTriggers.Keys).Order(StringComparer.Ordinal);

        Assert.Equal(expected, FunctionsApp.Metadata.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(FunctionsApp.Metadata, f => Assert.Contains(f.Trigger, new[] { "httpTrigger", "timerTrigger", "queueTrigger" }));
    }

    [Fact]
    public void Each_queue_function_consumes_its_queue_on_the_tables_account_and_every_handled_queue_has_one()
    {
        var queueFunctions = FunctionsApp.Metadata.Where(f => f.Trigger == "queueTrigger").ToList();
        Assert.Equal(QueueTriggers.OrderBy(p => p.Key, StringComparer.Ordinal), queueFunctions.Select(f => KeyValuePair.Create(f.Name, f.QueueName!)).OrderBy(p => p.Key, StringComparer.Ordinal));
        // No connection named: the triggers use AzureWebJobsStorage, which infra/ points at the tables' account.
        Assert.All(queueFunctions, f => Assert.Null(f.Connection));

        using var host = TestHost.Build(new Dictionary<string, string?>
        {
            ["Team:Name"] = "t", ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Digest:Recipients:0"] = "lead@example.com", ["Smtp:Host"] = "127.0.0.1",
        });
        var handled = host.Services.GetServices<IQueueHandler>().Select(h => h.Queue).Order(StringComparer.Ordinal);
        Assert.Equal(handled, QueueTriggers.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Host_json_sets_the_queue_settings_serve_uses_by_default_and_the_encoding_our_clients_write()
    {
        var queues = FunctionsApp.HostJson["extensions"]!["queues"]!;
        var defaults = new QueueOptions();

        Assert.Equal(defaults.MaxDequeueCount, queues["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(queues["batchSize"]!.GetValue<int>(), 1, 32);
        // The queue clients write base64 (QueueComposition); the extension must read the same.
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
    }

    [Fact]
    public void Each_http_function_has_its_route_tables_path_method_and_auth_level()
    {
        var table = Routes.All.ToDictionary(r => r.Name);
        Assert.All(Http, function =>
        {
            var route = table[function.Name];
            Assert.Equal(route.Template, function.Route);
            Assert.Equal([route.Method], function.Methods);
            // Function keys and App Service Authentication do not combine: every route is anonymous at the Functions
            // level, and the route gate applies the table's access rule (signature, signed in, reviewer).
            Assert.Equal("Anonymous", function.AuthLevel);
        });
    }

    [Fact]
    public async Task Serve_and_the_Functions_app_expose_the_same_paths_and_methods()
    {
        var prefix = FunctionsApp.HostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>();
        var functions = Http.SelectMany(f => f.Methods.Select(m => $"{m} /{prefix}/{f.Route}")).Order(StringComparer.Ordinal).ToList();

        await using var app = ServeCommand.Build("http://127.0.0.1:0", noSchedule: true, new Dictionary<string, string?>());
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Routes.Prefix, prefix);
        Assert.Equal(served, functions);
    }

    [Fact]
    public void Each_timer_runs_on_its_jobs_schedule_setting_and_every_job_has_a_timer()
    {
        Assert.All(TimerFunctions, f => Assert.Equal($"%Schedules:{f.Name}%", f.Schedule));

        using var host = TestHost.Build(new Dictionary<string, string?>
        {
            ["Team:Name"] = "t", ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Digest:Recipients:0"] = "lead@example.com", ["Smtp:Host"] = "127.0.0.1",
        });
        var jobs = host.Services.GetServices<IJob>().Select(j => j.Name).Order(StringComparer.Ordinal);
        Assert.Equal(jobs, TimerFunctions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_schedule_a_timer_names_is_set_in_the_sample_the_bicep_app_settings_and_the_local_defaults_as_six_field_ncrontab()
    {
        var bicep = await SettingsCoverageTests.BicepAppSettingsAsync();
        var local = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "TechLead.Local", "appsettings.json")))!;
        var problems = new List<string>();
        foreach (var function in TimerFunctions)
        {
            var setting = function.Schedule!.Trim('%');
            var key = setting.Replace(":", "__", StringComparison.Ordinal);
            var places = new Dictionary<string, string?>
            {
                ["local.settings.sample.json"] = FunctionsApp.SampleSettings.GetValueOrDefault(key),
                ["infra/app/function.bicep"] = bicep.TryGetValue(key, out var value) ? value : null,
                ["src/TechLead.Local/appsettings.json"] = local["Schedules"]?[function.Name]?.GetValue<string>(),
            };
            foreach (var (place, schedule) in places)
            {
                if (schedule is null)
                {
                    problems.Add($"{place} does not set {key}");
                }
                else if (schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6 || !CronExpression.TryParse(schedule, CronFormat.IncludeSeconds, out _))
                {
                    problems.Add($"{place} sets {key} to '{schedule}', not a six-field NCRONTAB expression");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_extensions_file_loads_the_generated_function_metadata()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsApp.OutputDirectory, "extensions.json")))!["extensions"]!.AsArray();

        var startup = Assert.Single(extensions, e => e!["name"]!.GetValue<string>() == "Startup")!;
        Assert.StartsWith("Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.Startup", startup["typeName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(FunctionsApp.OutputDirectory, startup["hintPath"]!.GetValue<string>())));
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsApp.OutputDirectory, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", worker["language"]!.GetValue<string>());
        Assert.Equal("TechLead.Functions.dll", worker["defaultWorkerPath"]!.GetValue<string>());
    }
}
