using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Drafting;
using TechLead.ReleaseNotes;
using TechLead.Review;

namespace TechLead.Local.Commands;

/// <summary><c>drafts list|show|approve|reject|retry</c>: the review queue from the command line.</summary>
internal static class DraftsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("drafts", "Review LLM and template drafts: nothing is published or sent until a person approves it.")
    {
        List(),
        Show(),
        Approve(),
        Reject(),
        Retry(),
    };

    private static Command List()
    {
        var status = new Option<string>("--status")
        {
            Description = $"Which drafts: {string.Join(", ", DraftStatuses.All)} or all (default: pending and pending-review).",
        };
        status.AcceptOnlyFromAmong([.. DraftStatuses.All, "all"]);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List drafts in the review queue, newest first.") { status, json };
        command.SetAction((parse, cancellationToken) => RunAsync(async (services, ct) =>
        {
            var queue = services.GetRequiredService<ReviewQueue>();
            var wanted = parse.GetValue(status);
            var drafts = wanted switch
            {
                "all" => await queue.ListAsync(null, ct),
                null => [.. await queue.ListAsync(DraftStatus.Pending, ct), .. await queue.ListAsync(DraftStatus.PendingReview, ct)],
                _ => await queue.ListAsync(DraftStatuses.Parse(wanted), ct),
            };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(drafts.Select(Summary), Json));
                return CommandRunner.Ok;
            }

            if (drafts.Count == 0)
            {
                Console.WriteLine("No drafts.");
                return CommandRunner.Ok;
            }

            foreach (var draft in drafts)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{draft.Id,-22} {draft.Status.ToStoredString(),-15} {draft.CreatedAt:yyyy-MM-dd HH:mm} {draft.DrafterKind ?? "-",-13} {draft.Subject}"));
                if (draft.Status == DraftStatus.Pending && draft.LastFailure is { } failure)
                {
                    Console.WriteLine($"{"",-22} not drafted: {failure}");
                }
            }

            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var html = new Option<bool>("--html") { Description = "Print the drafted documents as HTML instead of Markdown." };
        var json = new Option<bool>("--json") { Description = "Print the whole stored draft as JSON." };
        var command = new Command("show", "Show one draft: its metadata, findings and text.") { id, html, json };
        command.SetAction((parse, cancellationToken) => RunAsync(async (services, ct) =>
        {
            var draft = await services.GetRequiredService<ReviewQueue>().FindAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(draft, Json));
                return CommandRunner.Ok;
            }

            Print(draft, services.GetRequiredService<DraftRenderer>(), parse.GetValue(html));
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Approve()
    {
        var id = IdArgument();
        var edited = new Option<FileInfo>("--edited") { Description = "A file with your edited text; the drafted text is kept beside it (status 'edited')." };
        var by = By();
        var releaseTag = new Option<string>("--release-tag")
        {
            Description = "Release notes only: also write the approved text to a DRAFT GitHub release for this tag (never published; needs ReleaseNotes:WriteDraftRelease).",
        };
        var command = new Command("approve", "Approve a draft that is pending review, as drafted or with your edits.") { id, edited, by, releaseTag };
        command.SetAction((parse, cancellationToken) => RunAsync(async (services, ct) =>
        {
            string? text = null;
            if (parse.GetValue(edited) is { } file)
            {
                if (!file.Exists)
                {
                    CommandRunner.Error($"--edited {file.FullName} does not exist.");
                    return CommandRunner.Failed;
                }

                text = await File.ReadAllTextAsync(file.FullName, ct);
            }

            var queue = services.GetRequiredService<ReviewQueue>();
            var tag = parse.GetValue(releaseTag);
            var writer = services.GetRequiredService<GitHubDraftReleaseWriter>();
            if (tag is not null && !writer.IsEnabled)
            {
                CommandRunner.Error("--release-tag needs ReleaseNotes:WriteDraftRelease=true and ReleaseNotes:GitHubToken; nothing was approved.");
                return CommandRunner.Failed;
            }

            var draft = await queue.ApproveAsync(parse.GetValue(id)!, parse.GetValue(by)!, text, ct);
            Console.WriteLine($"{draft.Id}: {draft.Status.ToStoredString()} by {draft.DecidedBy} at {draft.DecidedAt:u}.");
            if (tag is not null && draft.Kind == DraftKinds.ReleaseNotes && RepositoryName.TryParse(draft.Repository, out var repository))
            {
                var body = ReviewQueue.ApprovedText(draft, services.GetRequiredService<DraftRenderer>());
                var location = await writer.WriteAsync(repository.Value, tag, tag, body, ct);
                await queue.RecordWrittenToAsync(draft.Id, location, ct);
                Console.WriteLine($"draft release {tag} written (not published): {location}");
            }

            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Reject()
    {
        var id = IdArgument();
        var reason = new Option<string>("--reason") { Description = "Why, for the record." };
        var by = By();
        var command = new Command("reject", "Reject a pending draft; it is never drafted again for the same input.") { id, reason, by };
        command.SetAction((parse, cancellationToken) => RunAsync(async (services, ct) =>
        {
            var draft = await services.GetRequiredService<ReviewQueue>().RejectAsync(parse.GetValue(id)!, parse.GetValue(by)!, parse.GetValue(reason), ct);
            Console.WriteLine($"{draft.Id}: rejected by {draft.DecidedBy} at {draft.DecidedAt:u}.");
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Retry()
    {
        var id = IdArgument();
        var offline = new Option<bool>("--offline") { Description = "Draft it from the templates, without the language model." };
        var command = new Command("retry", "Draft a pending draft now (for example after a content-filter or configuration failure).") { id, offline };
        command.SetAction((parse, cancellationToken) => RunAsync(async (services, ct) =>
        {
            var queue = services.GetRequiredService<ReviewQueue>();
            var due = await queue.RetryAsync(parse.GetValue(id)!, ct);
            var drafted = await services.GetRequiredService<ProcessDraftsJob>().DraftOneAsync(due, allowLanguageModel: !parse.GetValue(offline), ct)
                ?? await queue.FindAsync(due.Id, ct);
            Print(drafted, services.GetRequiredService<DraftRenderer>(), html: false);
            return drafted.Status == DraftStatus.PendingReview ? CommandRunner.Ok : CommandRunner.Failed;
        }, cancellationToken));
        return command;
    }

    /// <summary>Runs a drafts command, turning refused decisions into a clear message and exit code 1.</summary>
    internal static Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(async (services, ct) =>
        {
            try
            {
                return await body(services, ct);
            }
            catch (Exception e) when (e is DraftDecisionException or ReleaseNotesException or Octokit.ApiException)
            {
                CommandRunner.Error(e.Message);
                return CommandRunner.Failed;
            }
        }, cancellationToken);

    internal static void Print(DraftRecord draft, DraftRenderer renderer, bool html)
    {
        Console.WriteLine($"id:         {draft.Id}");
        Console.WriteLine($"kind:       {draft.Kind}");
        Console.WriteLine($"subject:    {draft.Subject}");
        Console.WriteLine($"status:     {draft.Status.ToStoredString()}{(draft.DecidedBy is null ? "" : $" by {draft.DecidedBy} at {draft.DecidedAt:u}")}{(draft.DecisionNote is null ? "" : $" ({draft.DecisionNote})")}");
        Console.WriteLine($"inputs:     {string.Join(", ", draft.InputIds)}");
        Console.WriteLine($"drafter:    {draft.DrafterKind ?? "not drafted yet"}{(draft.Usage.Deployment is null ? "" : $" (deployment {draft.Usage.Deployment}, model {draft.Usage.Model ?? "unknown"})")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tokens:     {draft.Usage.InputTokens} input / {draft.Usage.OutputTokens} output in {draft.Usage.Calls} calls; {draft.Usage.EstimatedInputTokens} input tokens estimated locally"));
        Console.WriteLine($"created:    {draft.CreatedAt:u}; expires {draft.ExpiresAt:u}");
        if (draft.Status == DraftStatus.Pending)
        {
            Console.WriteLine($"not drafted: {draft.LastFailure ?? "waiting for ProcessDrafts"}{(draft.NextAttemptAt is { } next ? $"; next attempt {next:u}" : "")}");
        }

        if (draft.Findings.Count > 0)
        {
            Console.WriteLine("findings:");
            foreach (var finding in draft.Findings)
            {
                Console.WriteLine($"  - [{finding.Code}] {finding.Message}");
            }
        }

        if (draft.EditedText is not null)
        {
            Console.WriteLine();
            Console.WriteLine("--- approved text (edited by the reviewer) ---");
            Console.WriteLine(draft.EditedText);
            Console.WriteLine("--- as drafted ---");
        }

        foreach (var document in draft.Documents)
        {
            Console.WriteLine();
            Console.Write(html ? renderer.Html(document) : renderer.Markdown(document));
        }
    }

    private static object Summary(DraftRecord d) => new
    {
        d.Id, d.Kind, d.Status, d.Subject, d.Repository, d.DrafterKind, d.CreatedAt, d.DecidedAt, d.DecidedBy, d.LastFailure, d.NextAttemptAt,
        Findings = d.Findings.Count,
    };

    private static Argument<string> IdArgument() => new("id") { Description = "Draft id, or an unambiguous start of it, as 'drafts list' prints it." };

    private static Option<string> By() => new("--by")
    {
        Description = "Who decides (default: your user name).",
        DefaultValueFactory = _ => Environment.UserName,
    };
}
