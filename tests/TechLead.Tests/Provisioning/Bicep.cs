using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace TechLead.Tests.Provisioning;

/// <summary>The real Bicep compiler (restored as a package), turning a .bicep file into its ARM JSON.</summary>
internal static class Bicep
{
    public sealed record Compiled(int ExitCode, string Json, string Diagnostics)
    {
        public JsonNode Template => JsonNode.Parse(Json)!;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<Compiled>>> Builds = new(StringComparer.Ordinal);

    /// <summary>
    /// The template compiled once per test run: the files do not change while tests run, and each compile is a
    /// process of several seconds that five tests would otherwise repeat.
    /// </summary>
    public static Task<Compiled> BuildAsync(string path) =>
        Builds.GetOrAdd(Path.GetFullPath(path), full => new Lazy<Task<Compiled>>(() => CompileAsync(full))).Value;

    private static async Task<Compiled> CompileAsync(string path)
    {
        var bicep = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(RuntimeInformation.OSArchitecture == Architecture.X64 && OperatingSystem.IsLinux(), "The Bicep compiler package used here is linux-x64.");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var info = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", path, "--stdout" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var template = process.StandardOutput.ReadToEndAsync();
        var diagnostics = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Compiled(process.ExitCode, await template, diagnostics);
    }
}
