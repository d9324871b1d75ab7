namespace TechLead.Tests.Infrastructure;

/// <summary>Where things are, found from the test binary upwards: the repository root holds Serverless.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>The shared folder beside the repository (real fixtures); absent in a user's clone.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string GitHubWebhookFixtures => Path.Combine(Shared, "fixtures", "github-webhooks");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}.");
    }
}
