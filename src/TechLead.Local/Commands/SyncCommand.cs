using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.GitHub;
using TechLead.Jira;
using TechLead.Queues;
using TechLead.Sample;
using TechLead.Activity;

namespace TechLead.Local.Commands;

/// <summary>
/// <c>sync</c>: pull activity into Table Storage. <c>sync github</c> syncs GitHub:Repositories, <c>sync sample</c>
/// stores the generated sample workspace, bare <c>sync</c> syncs every configured source (GitHub when
/// GitHub:Repositories is set, otherwise the sample workspace).
/// </summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var sample = new Command("sample", "Store the deterministic sample workspace (3 repositories, 12 weeks) in Table Storage.");
        sample.SetAction((_, cancellationToken) => CommandRunner.RunAsync(SyncSampleAsync, cancellationToken));

        var github = new Command("github",
            "Sync pull requests, reviews, releases, deployments, workflow runs, issues and ADR files of GitHub:Repositories "
            + "(incremental; the first run backfills GitHub:BackfillWeeks). Exits 0 only when every repository synced.");
        var enqueueGitHub = EnqueueOption();
        github.Options.Add(enqueueGitHub);
        github.SetAction((parse, cancellationToken) => CommandRunner.RunAsync((services, ct) => parse.GetValue(enqueueGitHub)
            ? EnqueueGitHubAsync(services, Console.Out, ct)
            : SyncGitHubAsync(services, Console.Out, ct), cancellationToken));

        var jira = new Command("jira",
            "Sync work items of Jira:Projects from Jira:BaseUrl (Cloud or Data Center; incremental, the first run backfills "
            + "Jira:BackfillWeeks). Exits 0 only when every project synced.");
        var enqueueJira = EnqueueOption();
        jira.Options.Add(enqueueJira);
        jira.SetAction((parse, cancellationToken) => CommandRunner.RunAsync((services, ct) => parse.GetValue(enqueueJira)
            ? EnqueueJiraAsync(services, Console.Out, ct)
            : SyncJiraAsync(services, Console.Out, ct), cancellationToken));

        var command = new Command("sync", "Pull activity into Table Storage: GitHub and Jira where configured, otherwise the sample workspace.") { sample, github, jira };
        command.SetAction((_, cancellationToken) => CommandRunner.RunAsync(SyncConfiguredAsync, cancellationToken));
        return command;
    }

    private static Option<bool> EnqueueOption() => new("--enqueue")
    {
        Description = "Only enqueue one message per repository/project for the queue workers (serve, the Functions app) and return.",
    };

    internal static async Task<int> EnqueueGitHubAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<GitHubSyncJob>();
        if (!job.IsConfigured)
        {
            return GitHubNotConfigured();
        }

        var count = await job.EnqueueAsync(cancellationToken);
        output.WriteLine($"github: {count} repositories enqueued on {services.GetRequiredService<WorkQueues>().PhysicalName(QueueNames.SyncGitHub)}; the queue workers sync them.");
        return CommandRunner.Ok;
    }

    internal static async Task<int> EnqueueJiraAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<JiraSyncJob>();
        if (!job.IsConfigured)
        {
            return JiraNotConfigured();
        }

        var count = await job.EnqueueAsync(cancellationToken);
        output.WriteLine($"jira: {count} projects enqueued on {services.GetRequiredService<WorkQueues>().PhysicalName(QueueNames.SyncJira)}; the queue workers sync them.");
        return CommandRunner.Ok;
    }

    private static async Task<int> SyncConfiguredAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var github = services.GetRequiredService<GitHubSyncJob>().IsConfigured;
        var jira = services.GetRequiredService<JiraSyncJob>().IsConfigured;
        if (!github && !jira)
        {
            return await SyncSampleAsync(services, cancellationToken);
        }

        var exit = CommandRunner.Ok;
        if (github)
        {
            exit = Math.Max(exit, await SyncGitHubAsync(services, Console.Out, cancellationToken));
        }

        if (jira)
        {
            exit = Math.Max(exit, await SyncJiraAsync(services, Console.Out, cancellationToken));
        }

        return exit;
    }

    internal static async Task<int> SyncJiraAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<JiraSyncJob>();
        if (!job.IsConfigured)
        {
            return JiraNotConfigured();
        }

        var result = await CommandRunner.Progress.Status().StartAsync("Syncing Jira…",
            status => job.SyncAsync(new StatusProgress(status), cancellationToken));
        foreach (var project in result.Projects)
        {
            PrintSource(output, project.Project, project.Succeeded, project.Problems, project.Notes,
                $"read {project.IssuesRead} issues, stored {project.Stored} work items, completed {project.ChangelogsCompleted} cut histories");
        }

        output.WriteLine($"jira ({result.Deployment}, user time zone {result.TimeZone}): {result.Projects.Count(p => p.Succeeded)} of {result.Projects.Count} projects synced; {result.Requests}.");
        return result.Succeeded ? CommandRunner.Ok : CommandRunner.Failed;
    }

    private static async Task<int> SyncSampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var counts = await CommandRunner.Progress.Status().StartAsync("Storing the sample workspace…",
            _ => services.GetRequiredService<SampleSyncJob>().SyncAsync(cancellationToken));
        Console.WriteLine($"sample: stored {counts}.");
        return CommandRunner.Ok;
    }

    internal static async Task<int> SyncGitHubAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<GitHubSyncJob>();
        if (!job.IsConfigured)
        {
            return GitHubNotConfigured();
        }

        var result = await CommandRunner.Progress.Status().StartAsync("Syncing GitHub…",
            status => job.SyncAsync(new StatusProgress(status), cancellationToken));
        Print(result, output);
        return result.Succeeded ? CommandRunner.Ok : CommandRunner.Failed;
    }

    private static int JiraNotConfigured()
    {
        CommandRunner.Error("Settings 'Jira:BaseUrl' and 'Jira:Projects' are needed to sync Jira. "
            + "Example: Jira:BaseUrl=https://acme.atlassian.net and Jira:Projects:0=SHOP (environment variables Jira__BaseUrl, Jira__Projects__0), "
            + "with Jira:Email and Jira:ApiToken (Cloud) or Jira:PersonalAccessToken (Data Center).");
        return CommandRunner.BadSettings;
    }

    private static int GitHubNotConfigured()
    {
        CommandRunner.Error("Setting 'GitHub:Repositories' is empty: there is nothing to sync. "
            + "Example: GitHub:Repositories:0=octo-org/payments-api (environment variable GitHub__Repositories__0), with GitHub:Token set.");
        return CommandRunner.BadSettings;
    }

    /// <summary>One repository's or project's line, then its problems and notes indented below it.</summary>
    private static void PrintSource(TextWriter output, string name, bool succeeded, IEnumerable<string> problems, IEnumerable<string> notes, string stored)
    {
        var problemList = problems.ToList();
        var outcome = succeeded ? "synced" : problemList.Count > 0 ? "FAILED" : "INCOMPLETE";
        output.WriteLine($"{name}: {outcome}; {stored}.");
        foreach (var problem in problemList)
        {
            output.WriteLine($"  problem: {problem}");
        }

        foreach (var note in notes)
        {
            output.WriteLine($"  note: {note}");
        }
    }

    internal static void Print(GitHubSyncResult result, TextWriter output)
    {
        foreach (var repository in result.Repositories)
        {
            PrintSource(output, repository.Repository.ToString(), repository.Succeeded, repository.Problems, repository.Notes,
                $"stored {Describe(repository.Stored)}");
        }

        output.WriteLine($"github: {result.Repositories.Count(r => r.Succeeded)} of {result.Repositories.Count} repositories synced; {result.Requests}.");
    }

    private static string Describe(StoredCounts stored)
    {
        var parts = new (int Count, string Name)[]
        {
            (stored.PullRequests, "pull requests"), (stored.Issues, "issues"), (stored.Releases, "releases"),
            (stored.Deployments, "deployments"), (stored.WorkflowRuns, "workflow runs"), (stored.AdrFiles, "ADR files"),
        }.Where(p => p.Count > 0).Select(p => $"{p.Count} {p.Name}").ToList();
        return parts.Count == 0 ? "nothing new" : string.Join(", ", parts);
    }

    /// <summary>Shows the job's progress in the status line, as it happens.</summary>
    private sealed class StatusProgress(StatusContext status) : IProgress<string>
    {
        public void Report(string value) => status.Status = Markup.Escape(value);
    }
}
