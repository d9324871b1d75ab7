using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using TechLead.GitHub;
using TechLead.Local;
using TechLead.Local.Commands;
using TechLead.Local.Setup;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechLead.Tests.Local;

[CollectionDefinition(Name)]
public sealed class GitHubAppSetupCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "GitHubAppSetup";
}

/// <summary>
/// <c>setup github-app</c> end to end: a real Chromium posts the manifest from the loopback page to a loopback GitHub
/// that follows GitHub's documented manifest flow, the code is exchanged through Octokit, the values are stored, and the
/// installation is found by asking GitHub as the App (its JWT verified by the fake) on a test-driven clock.
/// </summary>
[Collection(GitHubAppSetupCollection.Name)]
public sealed class GitHubAppSetupTests : IDisposable
{
    private readonly BrowserFixture _browser;
    private const string WebhookUrl = "https://func-payments.azurewebsites.net/api/github/webhook";
    private readonly FakeGitHub _github = FakeGitHub.Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("techlead-app-setup-").FullName;
    private readonly ManualClock _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<Uri> _opened = Channel.CreateUnbounded<Uri>();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public GitHubAppSetupTests(BrowserFixture browser)
    {
        _browser = browser;
        _github.Clock = _time;
    }

    private string SecretsPath => Path.Combine(_folder, "usersecrets", "secrets.json");

    public void Dispose()
    {
        _github.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Local_target_creates_the_App_for_the_organisation_stores_its_settings_in_user_secrets_and_records_the_installation()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SecretsPath)!);
        await File.WriteAllTextAsync(SecretsPath, """{ "GitHub:Token": "ghp_replacedbytheapp0123456789abcdefABCD", "Smtp:Password": "kept" }""");
        var run = StartAsync(new UserSecretsStore(SecretsPath), Settings(("GitHub:WebhookUrl", WebhookUrl)), "octo-org");

        var page = await CreateInBrowserAsync(await OpenedAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GitHub App created" })).ToBeVisibleAsync();
        var install = await OpenedAsync();

        Assert.Equal(new Uri($"{_github.WebUrl}/apps/techlead-octo-org/installations/new"), install);
        var manifest = Assert.Single(_github.ReceivedManifests);
        Assert.Equal("techlead-octo-org", (string?)manifest["name"]);
        Assert.False((bool)manifest["public"]!);
        Assert.Equal(new Dictionary<string, string>
        {
            ["metadata"] = "read", ["pull_requests"] = "read", ["contents"] = "read", ["issues"] = "read", ["deployments"] = "read", ["actions"] = "read",
        }, manifest["default_permissions"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));
        Assert.Equal(["deployment_status", "pull_request", "release", "workflow_run"], manifest["default_events"]!.AsArray().Select(e => (string)e!).Order(StringComparer.Ordinal));
        Assert.Equal(WebhookUrl, (string?)manifest["hook_attributes"]!["url"]);
        Assert.StartsWith("http://127.0.0.1:", (string?)manifest["redirect_url"], StringComparison.Ordinal);
        var app = Assert.Single(_github.Apps);
        Assert.Equal("octo-org", app.Owner);

        // Stored before the installation: id, key and webhook secret; the token the App replaces is gone, the rest kept.
        var stored = Secrets();
        Assert.Equal(app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)stored["GitHub:AppId"]);
        Assert.Equal(40, ((string?)stored["GitHub:WebhookSecret"])?.Length);
        Assert.Null(stored["GitHub:Token"]);
        Assert.Equal("kept", (string?)stored["Smtp:Password"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SecretsPath));
        }

        // The browser closes the loop: the App is installed, and the next poll finds it.
        await Eventually.TrueAsync(() => Task.FromResult(_github.Requests.Any(r => r.Path == "/api/v3/app/installations" && r.Status == 200)), "the first installation poll");
        await page.GotoAsync(install.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Install" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Installed techlead-octo-org" })).ToBeVisibleAsync();
        var exit = await DriveClockUntilDoneAsync(run);

        Assert.True(exit == CommandRunner.Ok, Transcript(exit));
        var installation = Assert.Single(await InstallationsAsync((string)Secrets()["GitHub:PrivateKey"]!, app.Id));
        Assert.Equal((long)installation!["id"]!, long.Parse((string)Secrets()["GitHub:InstallationId"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("PRIVATE KEY", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain((string)Secrets()["GitHub:WebhookSecret"]!, _output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Install it on the repositories to sync: {install}", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", _error.ToString());
    }

    [Fact]
    public async Task Azd_target_sets_the_ids_in_the_azd_environment_and_passes_the_secrets_to_Key_Vault_in_files_never_on_the_command_line()
    {
        var tools = StandInTools();
        var run = StartAsync(new AzdStore(tools), Settings(), organization: null, tools: tools);

        var page = await CreateInBrowserAsync(await OpenedAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GitHub App created" })).ToBeVisibleAsync();
        var install = await OpenedAsync();
        await Eventually.TrueAsync(() => Task.FromResult(_github.Requests.Any(r => r.Path == "/api/v3/app/installations" && r.Status == 200)), "the first installation poll");
        await page.GotoAsync(install.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Install" }).ClickAsync();
        var exit = await DriveClockUntilDoneAsync(run);

        Assert.True(exit == CommandRunner.Ok, Transcript(exit));
        var app = Assert.Single(_github.Apps);
        // The webhook address came from the azd environment's output.
        Assert.Equal(WebhookUrl, (string?)app.Manifest["hook_attributes"]!["url"]);
        var calls = await File.ReadAllLinesAsync(Path.Combine(_folder, "calls"));
        var pem = await File.ReadAllTextAsync(Path.Combine(_folder, "secret-github-app-private-key"));
        var webhookSecret = await File.ReadAllTextAsync(Path.Combine(_folder, "secret-github-webhook-secret"));
        Assert.Single(await InstallationsAsync(pem, app.Id)); // the key in Key Vault signs a JWT GitHub accepts
        Assert.Equal(40, webhookSecret.Length);
        Assert.Contains(calls, c => c.StartsWith("az keyvault secret set --vault-name kv-payments --name github-app-private-key --file ", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("az keyvault secret set --vault-name kv-payments --name github-webhook-secret --file ", StringComparison.Ordinal));
        Assert.Contains($"azd env set GITHUB_APP_ID {app.Id}", calls);
        Assert.Single(calls, c => c.StartsWith("azd env set GITHUB_INSTALLATION_ID ", StringComparison.Ordinal));
        Assert.All(calls, c => Assert.DoesNotContain("PRIVATE KEY", c, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.DoesNotContain(webhookSecret, c, StringComparison.Ordinal));
        Assert.All(calls.Where(c => c.Contains("--file ", StringComparison.Ordinal)), c => Assert.False(File.Exists(c.Split("--file ")[1].Split(' ')[0]), "the secret's file is deleted"));
        Assert.DoesNotContain("PRIVATE KEY", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(webhookSecret, _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_with_another_state_is_refused_and_nothing_is_stored()
    {
        var run = StartAsync(new UserSecretsStore(SecretsPath), Settings(), "octo-org");
        var form = await OpenedAsync();

        using var http = new HttpClient();
        using var forged = await http.GetAsync(new Uri(form, "/callback?code=0123456789abcdef0123&state=forged"));
        var exit = await run;

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(CommandRunner.Failed, exit);
        Assert.Contains("The state GitHub sent back is not the one this run sent", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(SecretsPath));
        Assert.DoesNotContain(_github.Requests, r => r.Path.Contains("/app-manifests/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_code_is_a_clear_error_in_the_browser_and_the_terminal_and_nothing_is_stored()
    {
        _github.CodesExpired = true;
        var run = StartAsync(new UserSecretsStore(SecretsPath), Settings(), "octo-org");

        var page = await CreateInBrowserAsync(await OpenedAsync());
        var exit = await run;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GitHub App not set up" })).ToBeVisibleAsync();
        await Expect(page.GetByText("expires after an hour")).ToBeVisibleAsync();
        Assert.Equal(CommandRunner.Failed, exit);
        Assert.Contains("GitHub refused the code it sent back (404 NotFound): a code works once and expires after an hour. Nothing was stored", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(SecretsPath));
    }

    [Fact]
    public async Task A_closed_browser_ends_at_the_timeout_naming_it_and_stores_nothing()
    {
        var run = StartAsync(new UserSecretsStore(SecretsPath), Settings(), "octo-org", TimeSpan.FromMinutes(3));
        await OpenedAsync();

        _time.Advance(TimeSpan.FromMinutes(3));
        var exit = await run.WaitAsync(Eventually.SafetyNet);

        Assert.Equal(CommandRunner.Failed, exit);
        Assert.Contains("No GitHub App was created within 3 minutes (--timeout 00:03:00)", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(SecretsPath));
    }

    [Fact]
    public async Task The_fake_refuses_a_JWT_GitHub_would_refuse()
    {
        var run = StartAsync(new UserSecretsStore(SecretsPath), Settings(), "octo-org");
        await CreateInBrowserAsync(await OpenedAsync());
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(SecretsPath) && Secrets()["GitHub:AppId"] is not null), "the App stored");
        var app = Assert.Single(_github.Apps);
        using var other = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.OK, await InstallationsStatusAsync(GitHubAppJwt.Create(app.Id, app.Key, _time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Unauthorized, await InstallationsStatusAsync(GitHubAppJwt.Create(app.Id, other, _time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Unauthorized, await InstallationsStatusAsync(GitHubAppJwt.Create(app.Id, app.Key, _time.GetUtcNow().AddMinutes(5)))); // iat in the future
        Assert.Equal(HttpStatusCode.Unauthorized, await InstallationsStatusAsync(GitHubAppJwt.Create(app.Id, app.Key, _time.GetUtcNow().AddMinutes(-10)))); // expired
        Assert.Equal(HttpStatusCode.Unauthorized, await InstallationsStatusAsync(GitHubAppJwt.Create(app.Id + 1, app.Key, _time.GetUtcNow())));
        _time.Advance(TimeSpan.FromMinutes(10));
        await run.WaitAsync(Eventually.SafetyNet);
    }

    [Theory]
    [InlineData(false, "read")]
    [InlineData(true, "write")]
    public void Contents_is_write_only_when_draft_releases_are_written(bool writeDraftRelease, string contents)
    {
        var manifest = GitHubAppManifest.Create("techlead-octo-org", new Uri("https://github.com/octo-org"), new Uri("http://127.0.0.1:5000/callback"), null, writeDraftRelease);

        Assert.Equal(contents, (string?)manifest["default_permissions"]!["contents"]);
        Assert.All(manifest["default_permissions"]!.AsObject().Where(p => p.Key != "contents"), p => Assert.Equal("read", (string?)p.Value));
        Assert.Null(manifest["hook_attributes"]); // no webhook address: no webhook, no events
        Assert.Null(manifest["default_events"]);
        Assert.Empty(FakeGitHub.ManifestProblems(manifest));
    }

    [Fact]
    public async Task The_command_exits_2_naming_a_setting_that_is_not_an_http_url()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _folder, ["GitHub__WebUrl"] = "github.example.com", ["GitHub__ApiUrl"] = "ftp://github.example.com/api/v3" };

        var result = await LocalRunner.RunAsync(environment, _folder, "setup", "github-app", "--org", "octo-org");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Setting 'GitHub:WebUrl' is 'github.example.com', which is not an absolute http(s) URL", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Setting 'GitHub:ApiUrl' is 'ftp://github.example.com/api/v3'", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, ".microsoft")));
    }

    [Fact]
    public async Task Azd_target_without_a_provisioned_vault_stops_before_anything_is_created_on_GitHub()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var calls = Path.Combine(_folder, "calls");
        await File.WriteAllTextAsync(Path.Combine(bin, "azd"), $"#!/bin/sh\necho \"azd $*\" >> '{calls}'\necho 'ERROR: key AZURE_KEY_VAULT_NAME not found in the environment values' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "azd"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _folder,
            ["PATH"] = $"{bin}{Path.PathSeparator}{System.Environment.GetEnvironmentVariable("PATH")}",
            ["GitHub__WebUrl"] = _github.WebUrl,
            ["GitHub__ApiUrl"] = _github.ApiUrl,
            ["GITHUB_WEBHOOK_URL"] = WebhookUrl,
        };

        var result = await LocalRunner.RunAsync(environment, _folder, "setup", "github-app", "--org", "octo-org", "--target", "azd");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("'azd env get-value AZURE_KEY_VAULT_NAME' found no Key Vault (ERROR: key AZURE_KEY_VAULT_NAME not found in the environment values); run 'azd up' first", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["azd env get-value AZURE_KEY_VAULT_NAME"], await File.ReadAllLinesAsync(calls));
        Assert.Empty(_github.ReceivedManifests);
        Assert.DoesNotContain("Open http://127.0.0.1", result.StdOut, StringComparison.Ordinal);
    }

    private IConfiguration Settings(params (string Key, string Value)[] extra) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:WebUrl"] = _github.WebUrl,
            ["GitHub:ApiUrl"] = _github.ApiUrl,
        }.Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))).Build();

    private Task<int> StartAsync(IGitHubAppStore store, IConfiguration settings, string? organization, TimeSpan? timeout = null, ExternalTools? tools = null) =>
        Task.Run(() => SetupCommand.RunAsync(settings, store, tools ?? new ExternalTools(_folder), organization, null, timeout ?? TimeSpan.FromMinutes(10), _time,
            address => _opened.Writer.TryWrite(address), TextWriter.Synchronized(_output), TextWriter.Synchronized(_error), CancellationToken.None));

    private async Task<Uri> OpenedAsync()
    {
        using var safetyNet = new CancellationTokenSource(Eventually.SafetyNet);
        return await _opened.Reader.ReadAsync(safetyNet.Token);
    }

    /// <summary>The person's part: open the loopback page and press its button; GitHub (the fake) sends the browser back.</summary>
    private async Task<IPage> CreateInBrowserAsync(Uri form)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(form.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the GitHub App on GitHub" }).ClickAsync();
        return page;
    }

    /// <summary>
    /// Moves the clock one poll at a time until the run ends, and only while the run waits between polls: a poll still
    /// under way on a slow machine never sees the clock run past its deadline.
    /// </summary>
    private async Task<int> DriveClockUntilDoneAsync(Task<int> run)
    {
        for (var moved = 0; ; moved++)
        {
            await Eventually.TrueAsync(() => Task.FromResult(run.IsCompleted || _time.Armed(GitHubAppSetup.PollInterval) > moved), "the next installation poll");
            if (run.IsCompleted)
            {
                return await run;
            }

            _time.Advance(GitHubAppSetup.PollInterval);
        }
    }

    private JsonObject Secrets() => JsonNode.Parse(File.ReadAllText(SecretsPath))!.AsObject();

    private async Task<JsonArray> InstallationsAsync(string pem, long appId)
    {
        Assert.True(GitHubAppJwt.TryLoadKey(pem, out var key));
        using (key)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{_github.ApiUrl}/app/installations");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubAppJwt.Create(appId, key, _time.GetUtcNow()));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        }
    }

    private async Task<HttpStatusCode> InstallationsStatusAsync(string jwt)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_github.ApiUrl}/app/installations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Stand-in az and azd that record their arguments and keep what a secret's file held.</summary>
    private ExternalTools StandInTools()
    {
        var calls = Path.Combine(_folder, "calls");
        File.WriteAllText(Path.Combine(_folder, "azd"), $$"""
            #!/bin/sh
            echo "azd $*" >> '{{calls}}'
            case "$*" in
              "env get-value AZURE_KEY_VAULT_NAME") echo kv-payments ;;
              "env get-value GITHUB_WEBHOOK_URL") echo {{WebhookUrl}} ;;
            esac
            """.Replace("\r", "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_folder, "az"), $$"""
            #!/bin/sh
            echo "az $*" >> '{{calls}}'
            while [ $# -gt 0 ]; do
              case "$1" in
                --name) name="$2"; shift ;;
                --file) file="$2"; shift ;;
              esac
              shift
            done
            [ -n "$file" ] && cat "$file" > '{{_folder}}'/secret-"$name"
            exit 0
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var tool in new[] { "az", "azd" })
            {
                File.SetUnixFileMode(Path.Combine(_folder, tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return new ExternalTools(_folder);
    }

    private string Transcript(int exit) => $"exit {exit}\nstdout:\n{_output}\nstderr:\n{_error}";
}
