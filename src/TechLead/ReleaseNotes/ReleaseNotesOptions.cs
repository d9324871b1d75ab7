using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.ReleaseNotes;

/// <summary>
/// How merged PRs become release-note sections, in the spirit of release-drafter and GitHub's <c>release.yml</c>:
/// categories by label first, then by conventional-commit type in the title; everything else "needs a label".
/// Every list left empty uses the defaults below.
/// </summary>
public sealed class ReleaseNotesOptions
{
    public const string Section = "ReleaseNotes";

    public List<ReleaseCategory> Categories { get; set; } = [];

    /// <summary>PRs with one of these labels are left out of release notes.</summary>
    public List<string> ExcludeLabels { get; set; } = [];

    /// <summary>Labels that mark a breaking change (a "!" after the type in the title, or "BREAKING CHANGE:" in the body, do too).</summary>
    public List<string> BreakingLabels { get; set; } = [];

    /// <summary>Authors whose PRs are folded into one "dependency updates" line (besides any author GitHub marks as a bot).</summary>
    public List<string> BotAuthors { get; set; } = [];

    /// <summary>Only PRs merged into this branch; empty: every merged PR.</summary>
    public string Branch { get; set; } = "";

    /// <summary>Write an approved release-notes draft to a draft GitHub release (never published). Needs ReleaseNotes:GitHubToken.</summary>
    public bool WriteDraftRelease { get; set; }

    /// <summary>Token with contents:write on the repository, used only to create or update draft releases.</summary>
    public string? GitHubToken { get; set; }

    /// <summary>GitHub API address (GitHub Enterprise: https://github.example.com/api/v3/).</summary>
    public Uri GitHubApiUrl { get; set; } = new("https://api.github.com/");

    public IReadOnlyList<ReleaseCategory> EffectiveCategories => Categories.Count > 0 ? Categories : DefaultCategories;

    public IReadOnlyList<string> EffectiveExcludeLabels => ExcludeLabels.Count > 0 ? ExcludeLabels : ["skip-changelog", "ignore-for-release", "no-release-notes"];

    public IReadOnlyList<string> EffectiveBreakingLabels => BreakingLabels.Count > 0 ? BreakingLabels : ["breaking", "breaking-change", "breaking change"];

    public IReadOnlyList<string> EffectiveBotAuthors => BotAuthors.Count > 0 ? BotAuthors : ["dependabot[bot]", "renovate[bot]", "dependabot", "renovate", "dependabot-preview[bot]"];

    public static IReadOnlyList<ReleaseCategory> DefaultCategories { get; } =
    [
        new() { Title = "Features", BusinessTitle = "New capabilities", Labels = ["feature", "enhancement", "feat"], Types = ["feat"] },
        new() { Title = "Bug fixes", BusinessTitle = "Fixes", Labels = ["bug", "fix", "bugfix", "hotfix"], Types = ["fix", "revert", "hotfix"] },
        new() { Title = "Maintenance", BusinessTitle = "Reliability and upkeep", Labels = ["tech-debt", "refactor", "chore", "maintenance", "dependencies", "performance", "ci", "build"], Types = ["refactor", "perf", "chore", "build", "ci", "test", "style"] },
        new() { Title = "Documentation", BusinessTitle = "Documentation", Labels = ["documentation", "docs"], Types = ["docs"] },
    ];
}

public sealed class ReleaseCategory
{
    /// <summary>Heading in the technical notes.</summary>
    public string Title { get; set; } = "";

    /// <summary>Heading in the business notes ("Leveling Up as a Tech Lead", ch. 10: say what it means for the business).</summary>
    public string BusinessTitle { get; set; } = "";

    public List<string> Labels { get; set; } = [];

    /// <summary>Conventional-commit types (<c>feat</c>, <c>fix</c>, ...) matched in PR titles like <c>feat(cart): ...</c>.</summary>
    public List<string> Types { get; set; } = [];
}

internal sealed class ReleaseNotesOptionsValidator : IValidateOptions<ReleaseNotesOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseNotesOptions options)
    {
        var problems = new SettingProblems();
        for (var i = 0; i < options.Categories.Count; i++)
        {
            var category = options.Categories[i];
            if (string.IsNullOrWhiteSpace(category.Title))
            {
                problems.Add($"ReleaseNotes:Categories:{i}:Title", "is empty", $"ReleaseNotes:Categories:{i}:Title=Features");
            }

            if (category.Labels.Count == 0 && category.Types.Count == 0)
            {
                problems.Add($"ReleaseNotes:Categories:{i}:Labels", "and Types are both empty, so nothing can land in this category", $"ReleaseNotes:Categories:{i}:Labels:0=feature");
            }
        }

        if (options.WriteDraftRelease && string.IsNullOrWhiteSpace(options.GitHubToken))
        {
            problems.Add("ReleaseNotes:GitHubToken", "is empty although ReleaseNotes:WriteDraftRelease is true", "ReleaseNotes:GitHubToken=<a token with contents:write> (from Key Vault)");
        }

        return problems.ToResult();
    }
}
