using TechLead.Activity;

namespace TechLead.Jira;

/// <summary>
/// Which category (new, indeterminate, done) each status belongs to, by id and by name: the changelog names the
/// statuses an issue moved between, not their categories. Read once per run from <c>/rest/api/{v}/status</c>.
/// </summary>
internal sealed class JiraStatusCategories
{
    public const string New = "new";
    public const string Indeterminate = "indeterminate";
    public const string Done = "done";

    private readonly Dictionary<string, string> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);

    public static JiraStatusCategories Empty => new([]);

    public JiraStatusCategories(IEnumerable<JiraStatusDefinition> statuses)
    {
        foreach (var status in statuses)
        {
            if (status.StatusCategory?.Key is not { } key)
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
        if (status?.StatusCategory?.Key is { } key)
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

    public string? Of(string? id, string? name) =>
        id is not null && _byId.TryGetValue(id, out var byId) ? byId
        : name is not null && _byName.TryGetValue(name, out var byName) ? byName
        : null;

    public static string Stored(string? key) => key switch
    {
        Done => WorkItemStatus.Done,
        Indeterminate => WorkItemStatus.InProgress,
        _ => WorkItemStatus.ToDo,
    };
}
