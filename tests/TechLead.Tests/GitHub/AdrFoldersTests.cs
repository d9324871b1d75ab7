using TechLead.GitHub;

namespace TechLead.Tests.GitHub;

public sealed class AdrFoldersTests
{
    private static readonly IReadOnlyList<string> Md = ["0001-record-architecture-decisions.md"];

    [Fact]
    public void An_adr_dir_file_wins_over_log4brains_and_the_usual_folders()
    {
        var folders = new Dictionary<string, IReadOnlyList<string>> { ["docs/adr"] = Md, ["architecture/decisions"] = Md, ["docs/decisions"] = Md };

        Assert.Equal("architecture/decisions", AdrFolders.Choose(AdrFolders.FromAdrDir("./architecture/decisions/\n"), AdrFolders.FromLog4brains("project:\n  adrFolder: ./docs/decisions\n"), folders));
        Assert.Equal("docs/decisions", AdrFolders.Choose(null, AdrFolders.FromLog4brains("---\nproject:\n  name: Payments\n  adrFolder: ./docs/decisions\n"), folders));
    }

    [Fact]
    public void Without_configuration_the_first_usual_folder_with_decisions_is_chosen()
    {
        var folders = new Dictionary<string, IReadOnlyList<string>>
        {
            ["docs/adr"] = ["README.md"],
            ["docs/architecture/decisions"] = ["0001-use-postgresql.md", "template.md"],
            ["adr"] = Md,
        };

        Assert.Equal("docs/architecture/decisions", AdrFolders.Choose(null, null, folders));
        Assert.Null(AdrFolders.Choose(null, null, new Dictionary<string, IReadOnlyList<string>> { ["docs/adr"] = ["README.md"] }));
    }

    [Fact]
    public void A_configured_folder_that_does_not_exist_falls_back_to_the_usual_folders()
    {
        var folders = new Dictionary<string, IReadOnlyList<string>> { ["doc/adr"] = Md };

        Assert.Equal("doc/adr", AdrFolders.Choose("decisions", null, folders));
    }

    [Theory]
    [InlineData("0002-use-postgresql.md", true)]
    [InlineData("adr-0001-use-postgresql-as-main-database.md", true)]
    [InlineData("20240101-use-markdown.MD", true)]
    [InlineData("README.md", false)]
    [InlineData("index.md", false)]
    [InlineData("adr-template.md", false)]
    [InlineData("diagram.png", false)]
    public void Decisions_are_markdown_files_other_than_readme_index_and_templates(string name, bool isAdr) =>
        Assert.Equal(isAdr, AdrFolders.IsAdrFile(name));

    [Fact]
    public void A_pushed_path_is_an_adr_only_directly_in_the_folder()
    {
        Assert.True(AdrFolders.IsAdrPath("docs/adr/0003-queue.md", "./docs/adr/"));
        Assert.False(AdrFolders.IsAdrPath("docs/adr/old/0003-queue.md", "docs/adr"));
        Assert.False(AdrFolders.IsAdrPath("docs/0003-queue.md", "docs/adr"));
    }

    [Fact]
    public void Broken_configuration_files_are_ignored()
    {
        Assert.Null(AdrFolders.FromLog4brains("project: [unclosed"));
        Assert.Null(AdrFolders.FromLog4brains("other: 1"));
        Assert.Null(AdrFolders.FromAdrDir("\n  \n"));
    }

    [Fact]
    public void The_content_hash_is_the_sha256_of_the_text() =>
        Assert.Equal("185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969", AdrFolders.ContentHash("Hello"));
}
