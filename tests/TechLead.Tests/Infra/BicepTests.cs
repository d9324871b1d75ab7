using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Infra;

/// <summary>The azd template compiles with the real Bicep compiler, without warnings, and wires what the app reads.</summary>
public sealed class BicepTests
{
    [Fact]
    public async Task The_infrastructure_template_compiles_without_errors_or_warnings()
    {
        var bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(RuntimeInformation.OSArchitecture == Architecture.X64 && OperatingSystem.IsLinux(), "The Bicep compiler package used here is linux-x64.");
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);

        var info = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", Path.Combine(RepoPaths.Root, "infra", "main.bicep"), "--stdout" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var template = process.StandardOutput.ReadToEndAsync();
        var diagnostics = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0 && diagnostics.Length == 0, diagnostics);
        var json = await template;
        // The settings the app validates at start-up are all provided by the template.
        foreach (var setting in new[] { "Team__Name", "Team__TimeZone", "Storage__TableServiceUri", "Smtp__Host", "Digest__Recipients__", "GitHub__WebhookSecret", "Schedules__WeeklyDigest", "Schedules__ProcessWebhooks" })
        {
            Assert.Contains(setting, json, StringComparison.Ordinal);
        }
    }
}
