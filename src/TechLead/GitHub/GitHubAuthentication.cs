using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace TechLead.GitHub;

/// <summary>The token every GitHub request carries. Implementations never log it.</summary>
internal interface IGitHubTokenProvider
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Authentication failed before any repository could be read (e.g. the App could not get an installation token).</summary>
internal sealed class GitHubAuthenticationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The short-lived JWT a GitHub App signs (RS256) to ask for an installation token.</summary>
public static class GitHubAppJwt
{
    /// <summary>
    /// GitHub's rules: issued 60 seconds in the past (clock drift), expires at most 10 minutes later, issuer = App ID.
    /// </summary>
    public static string Create(long appId, RSA key, DateTimeOffset now)
    {
        var header = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"iat":{{now.AddSeconds(-60).ToUnixTimeSeconds()}},"exp":{{now.AddMinutes(9).ToUnixTimeSeconds()}},"iss":"{{appId}}"}""")));
        var signingInput = $"{header}.{payload}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Loads a PEM RSA key (PKCS#1 as GitHub issues it, or PKCS#8) without ever putting it in a message.</summary>
    public static bool TryLoadKey(string pem, [NotNullWhen(true)] out RSA? key)
    {
        key = RSA.Create();
        try
        {
            // App settings often carry the PEM on one line with literal \n sequences.
            key.ImportFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            key = null;
            return false;
        }
    }
}

/// <summary>A personal access token (or any token GitHub accepts as Bearer) from <c>GitHub:Token</c>.</summary>
internal sealed class StaticTokenProvider(IOptions<GitHubOptions> options) : IGitHubTokenProvider
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(options.Value.Token?.Trim() ?? "");
}

/// <summary>
/// GitHub App authentication: a JWT signed with the App's private key (inline or from Key Vault with
/// DefaultAzureCredential) is exchanged through Octokit for an installation token, which is cached until
/// five minutes before it expires (they live one hour).
/// </summary>
internal sealed partial class GitHubAppTokenProvider(
    IOptions<GitHubOptions> options,
    IHttpMessageHandlerFactory handlers,
    TimeProvider time,
    ILogger<GitHubAppTokenProvider> logger) : IGitHubTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RSA? _key;
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is not null && _expiresAt - time.GetUtcNow() > RefreshBeforeExpiry)
        {
            return _token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || _expiresAt - time.GetUtcNow() <= RefreshBeforeExpiry)
            {
                var settings = options.Value;
                _key ??= await LoadKeyAsync(settings, cancellationToken);
                var jwt = GitHubAppJwt.Create(settings.AppId!.Value, _key, time.GetUtcNow());
                var token = await ExchangeAsync(settings, jwt);
                (_token, _expiresAt) = (token.Token, token.ExpiresAt);
                LogTokenIssued(settings.AppId.Value, settings.InstallationId!.Value, token.ExpiresAt);
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A JWT of the App itself (not an installation token), for the /app endpoints: its installation and webhook deliveries.</summary>
    internal async Task<string> AppJwtAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var settings = options.Value;
            _key ??= await LoadKeyAsync(settings, cancellationToken);
            return GitHubAppJwt.Create(settings.AppId!.Value, _key, time.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _key?.Dispose();
        _gate.Dispose();
    }

    private async Task<AccessToken> ExchangeAsync(GitHubOptions settings, string jwt)
    {
        using var http = new HttpClientAdapter(() => handlers.CreateHandler(GitHubComposition.HttpClientName));
        var connection = new Connection(GitHubComposition.ProductHeader, settings.ApiBaseUri,
            new InMemoryCredentialStore(new Credentials(jwt, AuthenticationType.Bearer)), http, new SimpleJsonSerializer());
        try
        {
            return await new GitHubClient(connection).GitHubApps.CreateInstallationToken(settings.InstallationId!.Value);
        }
        catch (ApiException e)
        {
            throw new GitHubAuthenticationException(
                $"GitHub App {settings.AppId} could not get a token for installation {settings.InstallationId} ({(int)e.StatusCode}: {e.Message}). "
                + "Check GitHub:AppId, GitHub:InstallationId and that the private key belongs to this App.", e);
        }
        catch (HttpRequestException e)
        {
            throw new GitHubAuthenticationException($"GitHub at {settings.ApiBaseUri} is unreachable ({e.Message}); no App installation token.", e);
        }
    }

    private static async Task<RSA> LoadKeyAsync(GitHubOptions settings, CancellationToken cancellationToken)
    {
        var pem = settings.PrivateKey;
        if (string.IsNullOrWhiteSpace(pem))
        {
            var secret = new KeyVaultSecretIdentifier(new Uri(settings.PrivateKeySecretUri!.Trim()));
            try
            {
                var client = new SecretClient(secret.VaultUri, new DefaultAzureCredential());
                pem = (await client.GetSecretAsync(secret.Name, secret.Version, cancellationToken)).Value.Value;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AuthenticationFailedException)
            {
                throw new GitHubAuthenticationException(
                    $"The GitHub App key could not be read from Key Vault secret {secret.Name} in {secret.VaultUri} ({e.GetType().Name}). "
                    + "Does the app's managed identity have the 'Key Vault Secrets User' role?", e);
            }
        }

        return GitHubAppJwt.TryLoadKey(pem, out var key)
            ? key
            : throw new GitHubAuthenticationException("The GitHub App private key is not a PEM RSA private key.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub App {AppId}: installation {InstallationId} token issued, valid until {ExpiresAt:u}.")]
    private partial void LogTokenIssued(long appId, long installationId, DateTimeOffset expiresAt);
}

/// <summary>
/// Adds the token to requests for the configured GitHub hosts only: Octokit follows redirects through this
/// handler, and a token must never follow a redirect to another host.
/// </summary>
internal sealed class GitHubAuthHandler(IGitHubTokenProvider tokens, IReadOnlySet<string> hosts) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && request.RequestUri is not null && hosts.Contains(request.RequestUri.Authority))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        }

        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
        return await base.SendAsync(request, cancellationToken);
    }
}
