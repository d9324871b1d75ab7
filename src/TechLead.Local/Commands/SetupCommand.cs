using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;
using TechLead.Local.Setup;

namespace TechLead.Local.Commands;

/// <summary><c>setup github-app</c>: create the GitHub App from a manifest, store its settings, wait for its installation.</summary>
internal static class SetupCommand
{
    public static Command Create()
    {
        var organization = new Option<string?>("--org") { Description = "The organisation that owns the App (default: your own account)." };
        var name = new Option<string?>("--name") { Description = $"The App's name, at most {GitHubAppManifest.MaxNameLength} characters (default: techlead-ORG, or techlead-USER)." };
        var target = new Option<string>("--target") { Description = "Where the App's settings go: local (this machine's user secrets) or azd (the azd environment and its Key Vault).", DefaultValueFactory = _ => "local" };
        target.AcceptOnlyFromAmong("local", "azd");
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for the browser steps (creating, then installing the App), e.g. 00:10:00.", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var githubApp = new Command("github-app", "Create the GitHub App from a manifest (least-privilege permissions, the webhook's events), store its id, key and webhook secret, and wait until it is installed.")
        {
            organization, name, target, timeout,
        };
        githubApp.SetAction((parse, cancellationToken) =>
        {
            var configuration = new ConfigurationManager();
            LocalHost.AddLocalConfiguration(configuration);
            var tools = new ExternalTools();
            IGitHubAppStore store = parse.GetValue(target) == "azd" ? new AzdStore(tools) : new UserSecretsStore(PathHelper.GetSecretsPathFromSecretsId(LocalHost.UserSecretsId));
            return RunAsync(configuration, store, tools, parse.GetValue(organization), parse.GetValue(name), parse.GetValue(timeout), TimeProvider.System, OpenInBrowser, Console.Out, Console.Error, cancellationToken);
        });
        return new Command("setup", "Set up what the product needs outside this machine.") { githubApp };
    }

    /// <summary>The command's body, with what a test replaces (the clock, the browser, the tools) passed in.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IGitHubAppStore store, ExternalTools tools, string? organization, string? name, TimeSpan timeout,
        TimeProvider time, Action<Uri> open, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = GitHubAppSettings.Read(configuration, out var problems);
        name = string.IsNullOrWhiteSpace(name) ? GitHubAppManifest.DefaultName(organization) : name.Trim();
        if (name.Length > GitHubAppManifest.MaxNameLength)
        {
            error.WriteLine($"error: --name '{name}' is longer than GitHub's {GitHubAppManifest.MaxNameLength} characters.");
            return CommandRunner.BadSettings;
        }

        if (timeout <= TimeSpan.Zero)
        {
            error.WriteLine($"error: --timeout {timeout:c} must be positive, e.g. 00:10:00.");
            return CommandRunner.BadSettings;
        }

        if (problems.Failures.Count > 0)
        {
            foreach (var problem in problems.Failures)
            {
                error.WriteLine($"error: {problem}");
            }

            return CommandRunner.BadSettings;
        }

        try
        {
            if (store is AzdStore && settings.WebhookUrl is null)
            {
                // azd up prints the webhook's address as an output of the environment; use it when no setting names one.
                var hook = await tools.RunAsync("azd", ["env", "get-value", "GITHUB_WEBHOOK_URL"], cancellationToken);
                if (hook.ExitCode == 0 && Uri.TryCreate(hook.StdOut.Trim(), UriKind.Absolute, out var fromAzd) && fromAzd.Scheme == Uri.UriSchemeHttps)
                {
                    settings = settings with { WebhookUrl = fromAzd };
                }
            }

            if (settings.WebhookUrl is null)
            {
                output.WriteLine("No webhook address (GITHUB_WEBHOOK_URL or GitHub:WebhookUrl): the App gets no webhook and no events; the sync reads everything on its schedule.");
            }

            return await new GitHubAppSetup(settings, store, time, open, output).RunAsync(new GitHubAppRequest(name, organization, timeout), cancellationToken);
        }
        catch (GitHubAppSetupException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }

    /// <summary>Opens the page where a desktop can (xdg-open on Linux, open on macOS, the shell on Windows); the address is always printed too.</summary>
    private static void OpenInBrowser(Uri address)
    {
        ProcessStartInfo? info = OperatingSystem.IsWindows() ? new ProcessStartInfo(address.ToString()) { UseShellExecute = true }
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open") { ArgumentList = { address.ToString() } }
            // Without a display (SSH, a container) there is no browser to open: the printed address is the way in.
            : Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 }
                ? new ProcessStartInfo("xdg-open") { ArgumentList = { address.ToString() } }
                : null;
        if (info is null)
        {
            return;
        }

        try
        {
            using var process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No opener installed: the printed address is the way in.
        }
    }
}
