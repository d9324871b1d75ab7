using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Octokit;
using Octokit.Internal;
using TechLead.GitHub;

namespace TechLead.Local.Setup;

/// <summary>What to create: the App's name, for which organisation (none: the signed-in user), and how long to wait.</summary>
internal sealed record GitHubAppRequest(string Name, string? Organization, TimeSpan Timeout);

/// <summary>
/// GitHub's App manifest flow, end to end: a loopback page posts the manifest to GitHub, GitHub sends the browser back
/// with a one-time code, the code is exchanged for the App's id, key and webhook secret, which are stored; then the
/// installation page is opened and GitHub is asked, as the App, until the App is installed.
/// </summary>
internal sealed class GitHubAppSetup(GitHubAppSettings settings, IGitHubAppStore store, TimeProvider time, Action<Uri> open, TextWriter output)
{
    /// <summary>How often GitHub is asked whether the App is installed yet.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private static readonly ProductHeaderValue Product = new("TechLead-Setup");

    public async Task<int> RunAsync(GitHubAppRequest request, CancellationToken cancellationToken)
    {
        await store.PrepareAsync(cancellationToken);
        using var deadline = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await using var page = await ManifestPage.StartAsync(settings, request, linked.Token);
        output.WriteLine($"Open {page.Address} and press the button to create the GitHub App '{request.Name}' on {Owner(request)}.");
        open(page.Address);

        CreatedApp app;
        try
        {
            var code = await page.CodeAsync.WaitAsync(linked.Token);
            app = await ExchangeAsync(code, linked.Token);
        }
        catch (GitHubAppSetupException e)
        {
            page.Finish(e.Message, success: false);
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GitHubAppSetupException(
                $"No GitHub App was created within {Minutes(request.Timeout)} (--timeout {request.Timeout:c}): the browser was closed, or GitHub's page left unconfirmed. Nothing was stored; run the command again.");
        }

        await store.SaveAppAsync(app, cancellationToken);
        var install = settings.Web($"apps/{Uri.EscapeDataString(app.Slug)}/installations/new");
        page.Finish($"Created {app}. Now install it on the repositories to sync: {install}", success: true, install);
        output.WriteLine($"Created {app}; its id, private key and webhook secret are stored in {store.Where}.");
        output.WriteLine($"Install it on the repositories to sync: {install}");
        open(install);

        try
        {
            var installation = await WaitForInstallationAsync(app, request.Organization, linked.Token);
            await store.SaveInstallationAsync(installation, cancellationToken);
            output.WriteLine($"Installed: installation {installation} stored in {store.Where}.");
            return CommandRunner.Ok;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GitHubAppSetupException(
                $"{app} was created and stored, but not installed within {Minutes(request.Timeout)} (--timeout {request.Timeout:c}). Install it at {install}, "
                + "then set GitHub:InstallationId to the number at the end of the installation's settings URL.");
        }
    }

    private string Owner(GitHubAppRequest request) =>
        request.Organization is null ? $"your account at {settings.WebUrl.Host}" : $"organisation {request.Organization} at {settings.WebUrl.Host}";

    private static string Minutes(TimeSpan timeout) =>
        timeout.TotalMinutes >= 1 ? $"{timeout.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes" : $"{timeout.TotalSeconds:0} seconds";

    private GitHubClient Client(Credentials? credentials) =>
        new(new Connection(Product, settings.ApiBase, credentials is null ? new InMemoryCredentialStore(Credentials.Anonymous) : new InMemoryCredentialStore(credentials),
            new HttpClientAdapter(() => new SocketsHttpHandler()), new SimpleJsonSerializer()));

    /// <summary><c>POST /app-manifests/{code}/conversions</c>, through Octokit; the code works once, for an hour.</summary>
    private async Task<CreatedApp> ExchangeAsync(string code, CancellationToken cancellationToken)
    {
        try
        {
            var created = await Client(null).GitHubApps.CreateAppFromManifest(code).WaitAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(created.Pem) || !GitHubAppJwt.TryLoadKey(created.Pem, out var key))
            {
                throw new GitHubAppSetupException($"GitHub created the App {created.Slug} (id {created.Id}) but answered no usable private key; generate one in its settings and set GitHub:PrivateKey.");
            }

            key.Dispose();
            return new CreatedApp(created.Id, created.Slug, created.Name, created.Pem, created.WebhookSecret);
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            throw new GitHubAppSetupException(
                $"GitHub refused the code it sent back ({(int)e.StatusCode} {e.StatusCode}): a code works once and expires after an hour. Nothing was stored; run the command again.");
        }
        catch (ApiException e)
        {
            throw new GitHubAppSetupException($"GitHub answered {(int)e.StatusCode} {e.StatusCode} to the App conversion at {settings.ApiBase} ({e.Message}). Nothing was stored.");
        }
        catch (HttpRequestException e)
        {
            throw new GitHubAppSetupException($"GitHub at {settings.ApiBase} is unreachable ({e.Message}). Nothing was stored; check GitHub:ApiUrl.", CommandRunner.Unreachable);
        }
    }

    /// <summary>Asks <c>GET /app/installations</c> as the App (a fresh JWT each time) until the App is installed.</summary>
    private async Task<long> WaitForInstallationAsync(CreatedApp app, string? organization, CancellationToken cancellationToken)
    {
        GitHubAppJwt.TryLoadKey(app.Pem, out var key);
        using (key)
        {
            while (true)
            {
                var jwt = GitHubAppJwt.Create(app.Id, key!, time.GetUtcNow());
                IReadOnlyList<Installation> installations;
                try
                {
                    installations = await Client(new Credentials(jwt, AuthenticationType.Bearer)).GitHubApps.GetAllInstallationsForCurrent().WaitAsync(cancellationToken);
                }
                catch (ApiException e)
                {
                    throw new GitHubAppSetupException($"GitHub refused to list {app}'s installations ({(int)e.StatusCode} {e.StatusCode}: {e.Message}); its id and key are stored, set GitHub:InstallationId by hand.");
                }
                catch (HttpRequestException e)
                {
                    throw new GitHubAppSetupException($"GitHub at {settings.ApiBase} is unreachable ({e.Message}); {app} is stored, set GitHub:InstallationId by hand.", CommandRunner.Unreachable);
                }

                var chosen = installations.FirstOrDefault(i => organization is null || string.Equals(i.Account?.Login, organization, StringComparison.OrdinalIgnoreCase));
                if (chosen is not null)
                {
                    return chosen.Id;
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
    }

    /// <summary>The loopback page: the manifest form, and the address GitHub sends the browser back to.</summary>
    private sealed class ManifestPage : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string _state = RandomNumberGenerator.GetHexString(32, lowercase: true);
        private readonly TaskCompletionSource<string> _code = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly GitHubAppSettings _settings;
        private readonly GitHubAppRequest _request;
        private int _returned;

        private ManifestPage(WebApplication app, GitHubAppSettings settings, GitHubAppRequest request)
        {
            (_app, _settings, _request) = (app, settings, request);
        }

        public Uri Address { get; private set; } = null!;

        public Task<string> CodeAsync => _code.Task;

        public static async Task<ManifestPage> StartAsync(GitHubAppSettings settings, GitHubAppRequest request, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var page = new ManifestPage(builder.Build(), settings, request);
            page._app.Run(page.AnswerAsync);
            await page._app.StartAsync(cancellationToken);
            var bound = page._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            page.Address = new Uri(new Uri(bound), "/");
            return page;
        }

        /// <summary>Tells the browser waiting on the return address how it ended.</summary>
        public void Finish(string message, bool success, Uri? next = null) =>
            _result.TrySetResult(Html(success ? "GitHub App created" : "GitHub App not set up",
                $"<p>{Encode(message)}</p>" + (next is null ? "" : $"<p><a href=\"{Encode(next.ToString())}\">Install the App</a></p>")));

        public async ValueTask DisposeAsync()
        {
            _result.TrySetResult(Html("Stopped", "<p>The set-up has ended; return to the terminal.</p>"));
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        private async Task AnswerAsync(HttpContext context)
        {
            var form = _settings.Web(_request.Organization is null
                ? "settings/apps/new"
                : $"organizations/{Uri.EscapeDataString(_request.Organization)}/settings/apps/new");
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; form-action {form.GetLeftPart(UriPartial.Authority)} {Address.GetLeftPart(UriPartial.Authority)}; base-uri 'none'; frame-ancestors 'none'";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.ContentType = "text/html; charset=utf-8";
            if (context.Request.Method != "GET")
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            if (context.Request.Path == "/")
            {
                await context.Response.WriteAsync(FormPage(new Uri($"{form}?state={_state}")), context.RequestAborted);
            }
            else if (context.Request.Path == "/callback")
            {
                await context.Response.WriteAsync(await ReturnedAsync(context), context.RequestAborted);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }

        /// <summary>The return address: the state must be this run's, and it is taken once.</summary>
        private async Task<string> ReturnedAsync(HttpContext context)
        {
            var state = context.Request.Query["state"].ToString();
            var code = context.Request.Query["code"].ToString();
            if (Interlocked.Exchange(ref _returned, 1) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return Html("Already used", "<p>This return address was used already; return to the terminal.</p>");
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state), Encoding.ASCII.GetBytes(_state)) || code.Length == 0)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var message = code.Length == 0
                    ? "GitHub sent the browser back without a code; nothing was stored. Run the command again."
                    : "The state GitHub sent back is not the one this run sent, so the code is not used (a forged or stale return). Nothing was stored; run the command again.";
                _code.TrySetException(new GitHubAppSetupException(message));
                return Html("GitHub App not set up", $"<p>{Encode(message)}</p>");
            }

            _code.TrySetResult(code);
            return await _result.Task;
        }

        private string FormPage(Uri action)
        {
            var manifest = GitHubAppManifest.Create(_request.Name, Homepage(), new Uri(Address, "/callback"), _settings.WebhookUrl, _settings.WriteDraftRelease);
            var permissions = string.Concat(GitHubAppManifest.Reasons.Select(r =>
                $"<li><b>{Encode(r.Permission)}</b>: {Encode(GitHubAppManifest.Permissions(_settings.WriteDraftRelease)[r.Permission])}, for {Encode(r.Why)}</li>"));
            var events = _settings.WebhookUrl is null
                ? "<p>No webhook: GitHub:WebhookUrl (or GITHUB_WEBHOOK_URL) is not set, so the App subscribes to no events. The hourly sync still reads everything.</p>"
                : $"<p>Webhook {Encode(_settings.WebhookUrl.ToString())}, events: {Encode(string.Join(", ", GitHubAppManifest.Events))}.</p>";
            return Html("Create the TechLead GitHub App",
                $"""
                <p>This creates the private GitHub App <b>{Encode(_request.Name)}</b> on {Encode(_request.Organization ?? "your account")} at {Encode(_settings.WebUrl.Host)}, with these repository permissions:</p>
                <ul>{permissions}</ul>
                {events}
                <form method="post" action="{Encode(action.ToString())}">
                <input type="hidden" name="manifest" value="{Encode(manifest.ToJsonString())}">
                <button type="submit">Create the GitHub App on GitHub</button>
                </form>
                """);
        }

        private Uri Homepage() => _settings.WebhookUrl is { } hook
            ? new Uri(hook.GetLeftPart(UriPartial.Authority))
            : _settings.Web(_request.Organization is null ? "" : Uri.EscapeDataString(_request.Organization));

        private static string Html(string title, string body) =>
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>";

        private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
    }
}
