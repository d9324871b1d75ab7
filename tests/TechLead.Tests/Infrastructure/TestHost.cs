using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Composition;

namespace TechLead.Tests.Infrastructure;

/// <summary>The product's real composition with settings given by the test (and an optional TimeProvider).</summary>
internal static class TestHost
{
    public static Dictionary<string, string?> Settings(AzuriteFixture azurite, string? tablePrefix = null) => new()
    {
        ["Team:Name"] = "Test team",
        ["Team:TimeZone"] = "UTC",
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:TablePrefix"] = tablePrefix ?? AzuriteFixture.NewTablePrefix(),
        ["Digest:Recipients:0"] = "lead@example.com",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = "1",
        ["Smtp:Security"] = "None",
    };

    public static IHost Build(IDictionary<string, string?> settings, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddTechLead();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }

    /// <summary>The setting problems that stop a host with <paramref name="settings"/> from starting; fails if it starts.</summary>
    public static IReadOnlyList<string> StartupProblems(IDictionary<string, string?> settings)
    {
        var error = Record.Exception(() => Build(settings).Dispose());
        Assert.NotNull(error);
        return SettingProblems.From(error) ?? throw new Xunit.Sdk.XunitException($"Not a settings error: {error}");
    }
}
