using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Functions;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Functions;

/// <summary>One function as the Functions host reads it from the generated functions.metadata.</summary>
internal sealed record FunctionEntry(string Name, string EntryPoint, string Trigger, string? Route, IReadOnlyList<string> Methods, string? AuthLevel, string? Schedule, string? QueueName = null, string? Connection = null)
{
    public Type Class => typeof(FunctionsHost).Assembly.GetType(EntryPoint[..EntryPoint.LastIndexOf('.')], throwOnError: true)!;

    public MethodInfo Method => Class.GetMethod(EntryPoint[(EntryPoint.LastIndexOf('.') + 1)..])!;
}

/// <summary>The Functions app as built (its output folder) and as the worker composes it (<see cref="FunctionsHost"/>).</summary>
internal static class FunctionsApp
{
    public static string OutputDirectory { get; } = typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsOutput").Value!;

    public static IReadOnlyList<FunctionEntry> Metadata { get; } = ReadMetadata();

    /// <summary>local.settings.sample.json's Values, as <c>func start</c> passes them to the worker (environment variables).</summary>
    public static IReadOnlyDictionary<string, string> SampleSettings { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    public static JsonNode HostJson { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

    /// <summary>
    /// The worker host exactly as Program.cs builds it, configured with the sample settings overridden by
    /// <paramref name="overrides"/> (given as the command line, which the worker's defaults read), with DI
    /// validation on build and scope validation on, and every options class validated. <paramref name="queuesOfItsOwn"/>
    /// lets a test that calls the functions directly keep its queues apart from other tests' on the shared Azurite with
    /// Queues:Prefix, which the deployed app refuses because its triggers listen to the unprefixed names.
    /// </summary>
    public static IHost Build(IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null, bool queuesOfItsOwn = false)
    {
        // None of the hosting variables this machine may have (some container tools set CONTAINER_NAME): like a
        // developer's func start unless the test says which plan it plays.
        var settings = TechLead.Access.HostingPlatform.Variables.ToDictionary(v => v, _ => (string?)"");
        foreach (var (key, value) in SampleSettings)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        // The content root is the app's own output (as in Azure), not the test folder with the local runner's appsettings.json.
        settings["contentRoot"] = OutputDirectory;
        var builder = FunctionsHost.CreateBuilder(settings.Select(p => $"--{p.Key}={p.Value}").ToArray());
        // The worker reads environment variables after the command line: the test's settings win over this machine's.
        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        configure?.Invoke(builder.Services);
        if (queuesOfItsOwn)
        {
            foreach (var rule in builder.Services.Where(d => d.ImplementationType == typeof(QueueTriggerNames)).ToList())
            {
                builder.Services.Remove(rule);
            }
        }

        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }

    /// <summary>
    /// Creates every function class the way the worker's default activator does (ActivatorUtilities over the
    /// invocation's scoped services); returns the problems, each naming the class and the missing type.
    /// </summary>
    public static IReadOnlyList<string> UnconstructableFunctionClasses(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var problems = new List<string>();
        foreach (var type in Metadata.Select(f => f.Class).Distinct())
        {
            try
            {
                ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{type.FullName}: {e.Message}");
            }
        }

        return problems;
    }

    /// <summary>
    /// What the Functions host does with a queue: receives each message waiting on <paramref name="queue"/> (from real
    /// Azurite), invokes the queue function with it, and deletes it when the function returns; returns how many ran.
    /// </summary>
    public static async Task<int> DeliverQueuedAsync(IServiceProvider services, string queue, Func<Azure.Storage.Queues.Models.QueueMessage, Task> function)
    {
        var client = await services.GetRequiredService<TechLead.Queues.WorkQueues>().GetQueueAsync(queue, CancellationToken.None);
        var delivered = 0;
        foreach (var message in (await client.ReceiveMessagesAsync(32)).Value)
        {
            await function(message);
            await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            delivered++;
        }

        return delivered;
    }

    /// <summary>
    /// An ASP.NET Core request as the worker's ASP.NET Core integration hands it to an HTTP function, with a readable
    /// response body: from this machine to http://127.0.0.1:7071 (the host forwards the caller's address and Host,
    /// and the worker applies them), unless the test changes the connection or Host.
    /// </summary>
    public static HttpRequest Request(IServiceProvider services, string method, string body, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        context.Request.Host = new HostString("127.0.0.1", 7071);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = method;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        context.Response.Body = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    private static List<FunctionEntry> ReadMetadata()
    {
        var path = Path.Combine(OutputDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build functions/TechLead.Functions (scripts/test does).");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(function =>
        {
            var trigger = function!["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            return new FunctionEntry(
                function["name"]!.GetValue<string>(),
                function["entryPoint"]!.GetValue<string>(),
                trigger["type"]!.GetValue<string>(),
                trigger["route"]?.GetValue<string>(),
                trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList() ?? [],
                trigger["authLevel"]?.GetValue<string>(),
                trigger["schedule"]?.GetValue<string>(),
                trigger["queueName"]?.GetValue<string>(),
                trigger["connection"]?.GetValue<string>());
        }).ToList();
    }
}
