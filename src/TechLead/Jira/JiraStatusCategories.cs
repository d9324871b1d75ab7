using TechLead.Activity;
using TechLead.Hosting;

namespace TechLead.Jira;

/// <summary>A status category, by the key Jira sends (<c>statusCategory.key</c>).</summary>
internal enum JiraCategoryKey
{
    [StoredAs("new")]
    New,

    [StoredAs("indeterminate")]
    Indeterminate,

    [StoredAs("done")]
    Done,

    /// <summary>
    /// Any other key: Jira's own <c>undefined</c> ("No Category") or one it adds later. Known, but neither started
    /// nor done: stored as to do, and a move into it is a move all the same.
    /// </summary>
    [StoredAs("undefined")]
    Other,
}

/// <summary>
/// Which category (new, indeterminate, done) each status belongs to, by id and by name: the changelog names the
/// statuses an issue moved between, not their categories. Read once per run from <c>/rest/api/{v}/status</c>.
/// </summary>
internal sealed class JiraStatusCategories
{
    private readonly Dictionary<string, JiraCategoryKey> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JiraCategoryKey> _byName = new(StringComparer.OrdinalIgnoreCase);

    public static JiraStatusCategories Empty => new([]);

    public JiraStatusCategories(IEnumerable<JiraStatusDefinition> statuses)
    {
        foreach (var status in statuses)
        {
            if (Read(status.StatusCategory?.Key) is not { } key)
            {
                continue;
            }

            if (status.Id is { } id)
            {
                _byId[id] = key;
            }

            if (status.Name is { } name)
            {
                _byName.TryAdd(name, key);
            }
        }
    }

    /// <summary>Learns the categories an issue's own current status shows (covers statuses the list did not).</summary>
    public void Learn(JiraStatus? status)
    {
        if (status is not null && Read(status.StatusCategory?.Key) is { } key)
        {
            if (status.Id is { } id)
            {
                _byId.TryAdd(id, key);
            }

            if (status.Name is { } name)
            {
                _byName.TryAdd(name, key);
            }
        }
    }

    /// <summary>The category of a key Jira sent; null when it sent none.</summary>
    public static JiraCategoryKey? Read(string? key) =>
        key is null ? null : StoredStrings<JiraCategoryKey>.Parse(key) ?? JiraCategoryKey.Other;

    public JiraCategoryKey? Of(string? id, string? name) =>
        id is not null && _byId.TryGetValue(id, out var byId) ? byId
        : name is not null && _byName.TryGetValue(name, out var byName) ? byName
        : null;

    public static string Stored(JiraCategoryKey? key) => key switch
    {
        JiraCategoryKey.Done => WorkItemStatus.Done,
        JiraCategoryKey.Indeterminate => WorkItemStatus.InProgress,
        _ => WorkItemStatus.ToDo,
    };
}
