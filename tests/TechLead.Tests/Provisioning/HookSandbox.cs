using System.Diagnostics;
using System.Text.Json.Nodes;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Provisioning;

/// <summary>
/// Runs the azd hooks in infra/hooks the way azd does (the environment's values as variables, outputs added after
/// provisioning) against the az/azd stand-ins in StandIns/, whose state (Entra ID, Key Vault, the azd .env) and
/// recorded calls live in a temporary folder.
/// </summary>
internal sealed class HookSandbox : IDisposable
{
    public const string UserId = "4b6f2c1a-8d2e-4f57-9a41-2c0f8e1d7b33";
    public const string HostName = "func-7qk2mxv3d4a5e.azurewebsites.net";
    public const string Vault = "kv-7qk2mxv3d4a5e";

    public sealed record Run(int ExitCode, string Output, string Error, string Calls);

    private readonly string _root = Directory.CreateTempSubdirectory("azd-hooks-").FullName;
    private readonly string _shell;

    /// <summary>A sandbox whose hooks run with <paramref name="shell"/>: bash runs the .sh hooks, pwsh the .ps1 twins.</summary>
    public HookSandbox(string shell)
    {
        _shell = shell;
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(State);
        foreach (var tool in new[] { "az", "azd" })
        {
            var target = Path.Combine(Bin, tool);
            File.Copy(Path.Combine(RepoPaths.Root, "tests", "TechLead.Tests", "Provisioning", "StandIns", tool), target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        File.WriteAllText(EnvFile, "AZURE_ENV_NAME=\"payments\"\nAZURE_LOCATION=\"westeurope\"\n");
    }

    private string Bin => Path.Combine(_root, "bin");

    public string State => Path.Combine(_root, "state");

    private string EnvFile => Path.Combine(State, "azd.env");

    private string CallsFile => Path.Combine(State, "calls.log");

    /// <summary>A value in the azd environment (.azure/&lt;env&gt;/.env), or null.</summary>
    public string? EnvValue(string name) => ReadEnv().GetValueOrDefault(name);

    public void SetEnv(string name, string value) =>
        File.WriteAllLines(EnvFile, ReadEnv().Where(p => p.Key != name).Select(p => $"{p.Key}=\"{p.Value}\"").Append($"{name}=\"{value}\""));

    public JsonArray Entities(string kind)
    {
        var file = Path.Combine(State, kind + ".json");
        return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))!.AsArray() : [];
    }

    public void Seed(string kind, JsonArray entities) => File.WriteAllText(Path.Combine(State, kind + ".json"), entities.ToJsonString());

    public string? Secret(string name)
    {
        var file = Path.Combine(State, "secrets", Vault, name);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>Signs the stand-in in as a service principal: no signed-in user.</summary>
    public void SignInAsServicePrincipal() => File.WriteAllText(Path.Combine(State, "no-user"), "");

    /// <summary>What `azd up` runs around the infrastructure: preprovision, the deployment's outputs, postprovision.</summary>
    public async Task<Run> UpAsync()
    {
        var before = File.Exists(CallsFile) ? File.ReadAllText(CallsFile).Length : 0;
        var pre = await HookAsync("preprovision");
        if (pre.ExitCode != 0)
        {
            return pre;
        }

        SetEnv("AZURE_KEY_VAULT_NAME", Vault);
        SetEnv("AZURE_FUNCTION_APP_HOST_NAME", HostName);
        var post = await HookAsync("postprovision");
        return new Run(post.ExitCode, pre.Output + post.Output, pre.Error + post.Error, File.ReadAllText(CallsFile)[before..]);
    }

    /// <summary>The shells that run the hooks here: bash always, pwsh when it is installed (azd runs the .ps1 twins on Windows).</summary>
    public static TheoryData<string> Shells()
    {
        var shells = new TheoryData<string> { "bash" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (path.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "pwsh"))))
        {
            shells.Add("pwsh");
        }

        return shells;
    }

    private async Task<Run> HookAsync(string hook)
    {
        var info = new ProcessStartInfo(_shell) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        if (_shell == "pwsh")
        {
            foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-File" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "infra", "hooks", hook + (_shell == "pwsh" ? ".ps1" : ".sh")));
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AZURE_", StringComparison.Ordinal) || k.StartsWith("DASHBOARD_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        // azd hands its environment's values to hooks as variables.
        foreach (var (name, value) in ReadEnv())
        {
            info.Environment[name] = value;
        }

        info.Environment["PATH"] = Bin + Path.PathSeparator + info.Environment["PATH"];
        info.Environment["STANDIN_STATE"] = State;
        info.Environment["TECHLEAD_HOOK_RETRY_SECONDS"] = "0";
        var before = File.Exists(CallsFile) ? File.ReadAllText(CallsFile).Length : 0;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var calls = File.Exists(CallsFile) ? File.ReadAllText(CallsFile)[before..] : "";
        return new Run(process.ExitCode, await output, error, calls);
    }

    private Dictionary<string, string> ReadEnv() =>
        File.ReadAllLines(EnvFile).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
