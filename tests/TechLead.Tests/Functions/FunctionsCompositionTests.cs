using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TechLead.Hosting;
using TechLead.Webhooks;

namespace TechLead.Tests.Functions;

/// <summary>The worker's service provider, built as Program.cs builds it, can construct every function class.</summary>
public sealed class FunctionsCompositionTests
{
    [Fact]
    public void With_the_sample_settings_every_function_class_is_constructed_from_the_workers_services()
    {
        using var host = FunctionsApp.Build();

        Assert.Empty(FunctionsApp.UnconstructableFunctionClasses(host.Services));
        Assert.NotEmpty(FunctionsApp.Metadata);
    }

    [Fact]
    public void A_missing_registration_names_the_function_class_and_the_missing_type()
    {
        using var host = FunctionsApp.Build(configure: services => services.RemoveAll<GitHubWebhookHandler>());

        var problem = Assert.Single(FunctionsApp.UnconstructableFunctionClasses(host.Services));
        Assert.Contains("TechLead.Functions.GitHubWebhookFunction", problem, StringComparison.Ordinal);
        Assert.Contains(nameof(GitHubWebhookHandler), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_apps_own_logs_are_kept_at_information_and_aspnet_cores_per_result_lines_only_from_warning()
    {
        using var host = FunctionsApp.Build();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("TechLead.Webhooks.GitHubWebhookHandler").IsEnabled(LogLevel.Information));
        // The categories of "Setting HTTP status code" and "Writing value of type" lines.
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void A_queue_prefix_stops_the_functions_app_because_its_triggers_listen_to_the_unprefixed_names()
    {
        var failure = Assert.ThrowsAny<Exception>(() => FunctionsApp.Build(new Dictionary<string, string?> { ["Queues__Prefix"] = "payments" }));

        var problem = Assert.Single(SettingProblems.From(failure) ?? []);
        Assert.Contains("'Queues:Prefix' must be empty in the Functions app", problem, StringComparison.Ordinal);
    }
}
