using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TechLead.Local.Setup;

/// <summary>What GitHub answered for the new App. Never printed whole: <see cref="ToString"/> names it without its secrets.</summary>
internal sealed class CreatedApp(long id, string slug, string name, string pem, string? webhookSecret)
{
    public long Id { get; } = id;

    public string Slug { get; } = slug;

    public string Name { get; } = name;

    public string Pem { get; } = pem;

    public string? WebhookSecret { get; } = webhookSecret;

    public override string ToString() => $"GitHub App {Name} (id {Id}, slug {Slug})";
}

/// <summary>A step of the set-up that cannot go on; the message says why and what to do, the exit code is the CLI's.</summary>
internal sealed class GitHubAppSetupException(string message, int exitCode = CommandRunner.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Where the App's settings go: the machine's user secrets, or the azd environment and its Key Vault.</summary>
internal interface IGitHubAppStore
{
    /// <summary>Checks the store can take the values before anything is created on GitHub.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    Task SaveAppAsync(CreatedApp app, CancellationToken cancellationToken);

    Task SaveInstallationAsync(long installationId, CancellationToken cancellationToken);

    /// <summary>Where the values went, for the closing message.</summary>
    string Where { get; }
}

/// <summary>
/// The .NET user-secrets store of TechLead.Local (<c>secrets.json</c> under the UserSecretsId, flat "Section:Key"
/// names, as <c>dotnet user-secrets set</c> writes it), which the local runner reads after appsettings.
/// </summary>
internal sealed class UserSecretsStore(string path) : IGitHubAppStore
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Where => $"the user secrets of TechLead.Local ({path})";

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        _ = Read(); // a damaged file stops the set-up before an App exists
        return Task.CompletedTask;
    }

    public Task SaveAppAsync(CreatedApp app, CancellationToken cancellationToken)
    {
        var secrets = Read();
        secrets["GitHub:AppId"] = app.Id.ToString(CultureInfo.InvariantCulture);
        secrets["GitHub:PrivateKey"] = app.Pem;
        if (app.WebhookSecret is not null)
        {
            secrets["GitHub:WebhookSecret"] = app.WebhookSecret;
        }

        // The sync refuses a token together with App settings; the App replaces the token kept here.
        secrets.Remove("GitHub:Token");
        secrets.Remove("GitHub:InstallationId");
        Write(secrets);
        return Task.CompletedTask;
    }

    public Task SaveInstallationAsync(long installationId, CancellationToken cancellationToken)
    {
        var secrets = Read();
        secrets["GitHub:InstallationId"] = installationId.ToString(CultureInfo.InvariantCulture);
        Write(secrets);
        return Task.CompletedTask;
    }

    private JsonObject Read()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new GitHubAppSetupException($"{path} is not a JSON object; fix or remove it (dotnet user-secrets clear --project src/TechLead.Local).");
        }
        catch (JsonException e)
        {
            throw new GitHubAppSetupException($"{path} is not valid JSON ({e.Message}); fix or remove it (dotnet user-secrets clear --project src/TechLead.Local).");
        }
    }

    private void Write(JsonObject secrets)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".secrets.{Guid.NewGuid():N}.tmp");
        // Readable by this user only, from the first byte on.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(secrets.ToJsonString(Indented)));
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>
/// The azd environment (<c>azd env set GITHUB_APP_ID</c>, <c>GITHUB_INSTALLATION_ID</c>: the Bicep parameters) and
/// its Key Vault (<c>github-app-private-key</c>, <c>github-webhook-secret</c>: the secrets the app settings reference).
/// Secret values go to <c>az</c> in a file only this user can read, deleted afterwards; never on a command line.
/// </summary>
internal sealed class AzdStore(ExternalTools tools) : IGitHubAppStore
{
    public const string VaultOutput = "AZURE_KEY_VAULT_NAME";

    private string? _vault;

    public string Where => $"the azd environment (GITHUB_APP_ID, GITHUB_INSTALLATION_ID) and Key Vault {_vault} (github-app-private-key, github-webhook-secret); run 'azd up' to apply them";

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var vault = await tools.RunAsync("azd", ["env", "get-value", VaultOutput], cancellationToken);
        _vault = vault.ExitCode == 0 ? vault.StdOut.Trim() : "";
        if (_vault.Length == 0)
        {
            throw new GitHubAppSetupException(
                $"'azd env get-value {VaultOutput}' found no Key Vault ({FirstLine(vault.StdErr)}); run 'azd up' first: it creates the vault the App's key goes to.");
        }
    }

    public async Task SaveAppAsync(CreatedApp app, CancellationToken cancellationToken)
    {
        await SetSecretAsync("github-app-private-key", app.Pem, cancellationToken);
        if (app.WebhookSecret is not null)
        {
            await SetSecretAsync("github-webhook-secret", app.WebhookSecret, cancellationToken);
        }

        await RunAsync("azd", ["env", "set", "GITHUB_APP_ID", app.Id.ToString(CultureInfo.InvariantCulture)], cancellationToken);
    }

    public Task SaveInstallationAsync(long installationId, CancellationToken cancellationToken) =>
        RunAsync("azd", ["env", "set", "GITHUB_INSTALLATION_ID", installationId.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    private async Task SetSecretAsync(string name, string value, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("techlead-secret-");
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }

            var file = Path.Combine(folder.FullName, name);
            await File.WriteAllTextAsync(file, value, cancellationToken);
            await RunAsync("az", ["keyvault", "secret", "set", "--vault-name", _vault!, "--name", name, "--file", file, "--encoding", "utf-8", "--output", "none"], cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await tools.RunAsync(tool, arguments, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new GitHubAppSetupException($"'{tool} {string.Join(' ', arguments.Take(4))}' failed (exit {result.ExitCode}: {FirstLine(result.StdErr)}).");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}

/// <summary>Runs <c>az</c> and <c>azd</c> as processes: from PATH, or from one folder (tests put stand-ins there).</summary>
internal sealed class ExternalTools(string? folder = null)
{
    public async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(folder is null ? tool : Path.Combine(folder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout, await stderr);
        }
        catch (Win32Exception)
        {
            throw new GitHubAppSetupException($"'{tool}' was not found; install it (the Azure CLI is 'az', the Azure Developer CLI 'azd') or use --target local.", CommandRunner.BadSettings);
        }
    }
}
