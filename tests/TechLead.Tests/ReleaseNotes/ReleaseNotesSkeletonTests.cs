using Microsoft.Extensions.Options;
using TechLead.ReleaseNotes;
using static TechLead.Tests.ReleaseNotes.PullRequests;

namespace TechLead.Tests.ReleaseNotes;

public sealed class ReleaseNotesSkeletonTests
{
    private static ReleaseNotesSkeleton Build(params TechLead.Activity.PullRequestRecord[] prs) =>
        new ReleaseNotesSkeletonBuilder(Options.Create(new ReleaseNotesOptions())).Build(Repo, "v1.4.0", Since, Until, prs);

    private static int[] Numbers(ReleaseNotesSkeleton skeleton, string section) =>
        skeleton.Sections.Single(s => s.Title == section).Items.Select(i => i.Number).ToArray();

    [Fact]
    public void Items_are_sorted_by_label_first_then_by_conventional_commit_type_and_the_rest_needs_a_label()
    {
        var skeleton = Build(
            Merged(11, "Add saved carts", ["enhancement"]),
            Merged(12, "fix(checkout): handle empty basket"),
            Merged(13, "feat: export invoices", ["bug"]),
            Merged(14, "docs: explain retries"),
            Merged(15, "Tidy up the build"));

        Assert.Equal(["Features", "Bug fixes", "Documentation", "Needs a label"], skeleton.Sections.Select(s => s.Title));
        Assert.Equal([11], Numbers(skeleton, "Features"));
        // A label wins over the title's type.
        Assert.Equal([12, 13], Numbers(skeleton, "Bug fixes"));
        Assert.Equal([15], Numbers(skeleton, "Needs a label"));
        var fix = skeleton.Items.Single(i => i.Number == 12);
        Assert.Equal(("handle empty basket", "checkout", "title type 'fix'"), (fix.Subject, fix.Scope, fix.Reason));
    }

    [Fact]
    public void Breaking_changes_come_first_whichever_way_they_are_marked()
    {
        var skeleton = Build(
            Merged(21, "feat: new invoices"),
            Merged(22, "feat(api)!: drop v1 endpoints"),
            Merged(23, "Rename the currency field", ["breaking-change"]),
            Merged(24, "refactor: change the config format", body: "Moves settings.\n\nBREAKING CHANGE: the old keys are ignored."));

        Assert.Equal("Breaking changes", skeleton.Sections[0].Title);
        Assert.Equal([22, 23, 24], Numbers(skeleton, "Breaking changes"));
        Assert.Equal([21], Numbers(skeleton, "Features"));
    }

    [Fact]
    public void Bot_updates_are_folded_into_one_list()
    {
        var skeleton = Build(
            Merged(31, "Bump Polly from 8.1.0 to 8.2.0", ["dependencies"], author: "dependabot[bot]", bot: true),
            Merged(32, "Update dependency vite to v6", author: "renovate[bot]"),
            Merged(33, "fix: retry payments"));

        Assert.Equal([31, 32], skeleton.BotUpdates.Select(b => b.Number));
        Assert.Equal(["dependabot[bot]", "renovate[bot]"], skeleton.BotAuthors);
        Assert.DoesNotContain(skeleton.Items, i => i.Number is 31 or 32);
        Assert.Equal([31, 32, 33], skeleton.Numbers);
    }

    [Fact]
    public void A_revert_and_the_pr_it_reverts_in_the_same_release_are_both_left_out()
    {
        var skeleton = Build(
            Merged(41, "feat: one-click refunds", day: 1),
            Merged(42, "Revert \"feat: one-click refunds\"", day: 2),
            Merged(43, "feat: refund reasons", day: 3),
            Merged(44, "Undo refund reasons", body: "Reverts octo-org/payments-api#43", day: 4),
            Merged(45, "feat: partial refunds", day: 5),
            Merged(46, "Back out partial refunds", reverts: 45, day: 6),
            Merged(47, "Revert \"fix: rounding\"", day: 7));

        Assert.Equal([new DroppedRevert(42, 41), new DroppedRevert(44, 43), new DroppedRevert(46, 45)], skeleton.DroppedReverts);
        // Reverting something released earlier is a change of this release.
        Assert.Equal([47], skeleton.Items.Select(i => i.Number));
        Assert.Equal("Bug fixes", skeleton.Sections.Single().Title);
    }

    [Fact]
    public void Only_prs_merged_in_the_range_count_once_each_and_excluded_labels_are_left_out()
    {
        var before = Merged(51, "feat: old") with { MergedAt = Since.AddMinutes(-1) };
        var open = Merged(52, "feat: open") with { MergedAt = null };
        var later = Merged(53, "feat: later") with { MergedAt = Until.AddMinutes(1) };
        var otherRepo = Merged(54, "feat: elsewhere") with { Repository = TechLead.Activity.RepositoryName.Parse("octo-org/other") };
        var first = Merged(55, "feat: first title");
        var updated = first with { Title = "feat: updated title", UpdatedAt = first.UpdatedAt.AddHours(1) };

        var skeleton = Build(before, open, later, otherRepo, first, updated, Merged(56, "chore: internal", ["skip-changelog"]));

        Assert.Equal([55], skeleton.Items.Select(i => i.Number));
        Assert.Equal("updated title", skeleton.Items.Single().Subject);
        Assert.Equal([56], skeleton.Excluded);
    }

    [Fact]
    public void Configured_categories_replace_the_defaults()
    {
        var options = new ReleaseNotesOptions
        {
            Categories = [new ReleaseCategory { Title = "Security", BusinessTitle = "Safer for customers", Labels = ["security"], Types = ["sec"] }],
        };
        var skeleton = new ReleaseNotesSkeletonBuilder(Options.Create(options)).Build(Repo, null, Since, Until,
            [Merged(61, "sec: rotate keys"), Merged(62, "feat: new thing")]);

        Assert.Equal(["Security", "Needs a label"], skeleton.Sections.Select(s => s.Title));
        Assert.Equal("Safer for customers", skeleton.Sections[0].BusinessTitle);
    }
}
