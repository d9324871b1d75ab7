using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Jira;

namespace TechLead.Tests.Jira;

/// <summary>Jira's status category keys (statusCategory.key), and what a key outside them is read as.</summary>
public sealed class JiraCategoryKeyTests
{
    [Theory]
    [InlineData("new", WorkItemStatus.ToDo)]
    [InlineData("indeterminate", WorkItemStatus.InProgress)]
    [InlineData("done", WorkItemStatus.Done)]
    [InlineData("undefined", WorkItemStatus.ToDo)]
    public void Each_key_reads_back_as_itself_and_is_stored_as_a_work_item_status(string key, string stored)
    {
        var category = JiraStatusCategories.Read(key)!.Value;

        Assert.Equal(key, StoredStrings<JiraCategoryKey>.Of(category));
        Assert.Equal(stored, JiraStatusCategories.Stored(category));
    }

    [Fact]
    public void Each_category_has_its_key()
    {
        Assert.Equal(JiraCategoryKey.New, JiraStatusCategories.Read("new"));
        Assert.Equal(JiraCategoryKey.Indeterminate, JiraStatusCategories.Read("indeterminate"));
        Assert.Equal(JiraCategoryKey.Done, JiraStatusCategories.Read("done"));
        Assert.Equal(JiraCategoryKey.Other, JiraStatusCategories.Read("undefined"));
    }

    [Fact]
    public void Every_category_is_pinned() => Assert.Equal(4, Enum.GetValues<JiraCategoryKey>().Length);

    [Fact]
    public void A_key_Jira_adds_later_is_known_but_neither_started_nor_done_and_no_key_is_none()
    {
        Assert.Equal(JiraCategoryKey.Other, JiraStatusCategories.Read("paused"));
        Assert.Equal(JiraCategoryKey.Other, JiraStatusCategories.Read("Done"));
        Assert.Null(JiraStatusCategories.Read(null));
        Assert.Equal(WorkItemStatus.ToDo, JiraStatusCategories.Stored(null));
    }
}
