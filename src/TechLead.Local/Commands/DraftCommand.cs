using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Activity;
using TechLead.Adr;
using TechLead.Drafting;
using TechLead.ReleaseNotes;
using TechLead.Review;

namespace TechLead.Local.Commands;

/// <summary><c>draft release-notes</c> and <c>draft adr</c>: draft one thing now.</summary>
internal static class DraftCommand
{
    public static Command Create() => new("draft", "Draft release notes or an ADR summary now (offline templates when no language model is configured).")
    {
        ReleaseNotes(),
        Adr(),
    };

    private static Command ReleaseNotes()
    {
        var repo = new Option<string>("--repo") { Description = "Repository, owner/name.", Required = true };
        var sinceTag = new Option<string>("--since-tag") { Description = "Store this release (a synced tag) as the previous release, then draft what was merged after it." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Store this instant (e.g. 2026-06-01T00:00:00Z) as the previous release instead of a tag." };
        var offline = new Option<bool>("--offline") { Description = "Draft from the templates even if a language model is configured." };
        var command = new Command("release-notes", "Queue and draft release notes for the PRs merged since the stored previous release.") { repo, sinceTag, since, offline };
        command.Validators.Add(result =>
        {
            if (!RepositoryName.TryParse(result.GetValue(repo), out _))
            {
                result.AddError($"--repo '{result.GetValue(repo)}' is not owner/name, e.g. octo-org/payments-api.");
            }

            if (result.GetValue(sinceTag) is not null && result.GetValue(since) is not null)
            {
                result.AddError("Give --since-tag or --since, not both.");
            }
        });
        command.SetAction((parse, cancellationToken) => DraftsCommand.RunAsync(async (services, ct) =>
        {
            var repository = RepositoryName.Parse(parse.GetValue(repo)!);
            var notes = services.GetRequiredService<ReleaseNotesService>();
            if (parse.GetValue(sinceTag) is { } tag)
            {
                var baseline = await notes.SetPreviousReleaseAsync(repository, tag, Environment.UserName, ct);
                Console.Error.WriteLine($"previous release of {repository} stored: {baseline.Tag} ({baseline.Since:u}).");
            }
            else if (parse.GetValue(since) is { } instant)
            {
                await notes.SetPreviousReleaseAsync(repository, instant, Environment.UserName, ct);
                Console.Error.WriteLine($"previous release of {repository} stored: {instant:u}.");
            }

            if (await notes.RequestAsync(repository, ct) is not { } requested)
            {
                Console.WriteLine($"Nothing was merged into {repository} since the previous release; no draft.");
                return CommandRunner.Ok;
            }

            var draft = requested.Draft;
            if (!requested.Created)
            {
                Console.Error.WriteLine($"The same PRs were drafted before as {draft.Id} ({draft.Status.ToStoredString()}); not drafting them again.");
            }

            if (draft.Status == DraftStatus.Pending)
            {
                draft = await CommandRunner.Progress.Status().StartAsync("Drafting release notes…", _ =>
                    services.GetRequiredService<ProcessDraftsJob>().DraftOneAsync(draft, allowLanguageModel: !parse.GetValue(offline), ct)) ?? draft;
            }

            DraftsCommand.Print(draft, services.GetRequiredService<DraftRenderer>(), html: false);
            return draft.Status == DraftStatus.Pending ? CommandRunner.Failed : CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Adr()
    {
        var file = new Option<FileInfo>("--file") { Description = "The ADR Markdown file.", Required = true };
        var offline = new Option<bool>("--offline") { Description = "Use the template sentence even if a language model is configured." };
        var command = new Command("adr", "Summarise one ADR file and print its findings. Needs no storage.") { file, offline };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                CommandRunner.Error($"--file {path.FullName} does not exist.");
                return CommandRunner.Failed;
            }

            var adr = AdrParser.Parse(path.Name, await File.ReadAllTextAsync(path.FullName, ct));
            var siblings = Siblings(path);
            var outcome = await services.GetRequiredService<AdrSummarizer>().SummariseAsync(adr, siblings, allowLanguageModel: !parse.GetValue(offline), ct);
            if (!outcome.Succeeded)
            {
                CommandRunner.Error($"{adr.Id}: {outcome.FailureReason}");
                return CommandRunner.Failed;
            }

            var renderer = services.GetRequiredService<DraftRenderer>();
            foreach (var document in outcome.Documents)
            {
                Console.Write(renderer.Markdown(document));
            }

            Console.WriteLine();
            Console.WriteLine(outcome.Findings.Count == 0 ? "findings: none" : "findings:");
            foreach (var finding in outcome.Findings)
            {
                Console.WriteLine($"  - [{finding.Code}] {finding.Message}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"drafter: {outcome.DrafterKind}; tokens: {outcome.Usage.InputTokens} input / {outcome.Usage.OutputTokens} output reported, {outcome.Usage.EstimatedInputTokens} input estimated"));
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>The other Markdown files beside the ADR, for the supersession back-link checks.</summary>
    private static List<AdrDocument> Siblings(FileInfo file) =>
        file.Directory is null
            ? []
            : file.Directory.EnumerateFiles("*.md")
                .Where(f => !string.Equals(f.FullName, file.FullName, StringComparison.Ordinal) && f.Length < 200_000)
                .Select(f => AdrParser.Parse(f.Name, File.ReadAllText(f.FullName)))
                .Where(a => a.Format != AdrFormat.Unrecognised)
                .ToList();
}
