using System.Globalization;
using System.Text.RegularExpressions;
using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.Jira;

/// <summary>
/// One Jira issue (with its complete status history) to a <see cref="WorkItemRecord"/>: kind from the project's
/// mapping, status category, first move into progress, resolution, time in each status, moves back from done, the
/// moves between status categories (to replay a past week), the parent (epic) link, whether someone is assigned
/// (not who), priority, linked GitHub PRs and the description as capped plain text.
/// Used by the sync and by the sample workspace, so the demo runs the same mapping.
/// </summary>
internal static partial class JiraIssueMapper
{
    /// <summary>Null when the issue lacks what every row needs (id, key, created); the caller reports it.</summary>
    public static WorkItemRecord? Map(JiraIssue issue, IReadOnlyList<JiraHistory> histories, string project, JiraKindMapping mapping,
        JiraStatusCategories categories, string origin, string? epicLinkField = null)
    {
        var fields = issue.Fields;
        var created = JiraTime.Parse(fields?.Created);
        if (issue.Key is null || fields is null || created is null)
        {
            return null;
        }

        categories.Learn(fields.Status);
        var updated = JiraTime.Parse(fields.Updated) ?? created.Value;
        var type = fields.IssueType?.Name ?? "Unknown";
        var labels = fields.Labels ?? [];
        var currentCategory = JiraStatusCategories.Read(fields.Status?.StatusCategory?.Key) ?? categories.Of(fields.Status?.Id, fields.Status?.Name);
        var moves = StatusMoves(histories);

        var resolved = JiraTime.Parse(fields.ResolutionDate);
        if (resolved is null && currentCategory == JiraCategoryKey.Done)
        {
            // Some workflows never set a resolution: the last move into a done status is when it was finished.
            resolved = moves.LastOrDefault(m => categories.Of(m.ToId, m.ToName) == JiraCategoryKey.Done)?.At ?? updated;
        }

        var (description, links) = AdfText.Extract(fields.Description, TextLimits.Body);
        return new WorkItemRecord
        {
            Project = project,
            Key = issue.Key,
            Id = issue.Id ?? "",
            Type = type,
            Summary = fields.Summary ?? "",
            StatusCategory = JiraStatusCategories.Stored(currentCategory),
            Status = fields.Status?.Name ?? "",
            Kind = mapping.KindOf(type, labels),
            IsSubtask = fields.IssueType?.Subtask ?? false,
            Labels = labels,
            HasOwner = fields.Assignee is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined },
            Priority = fields.Priority?.Name,
            CreatedAt = created.Value,
            InProgressAt = moves.FirstOrDefault(m => categories.Of(m.ToId, m.ToName) == JiraCategoryKey.Indeterminate)?.At,
            ResolvedAt = currentCategory == JiraCategoryKey.Done ? resolved : null,
            UpdatedAt = updated,
            ReopenedCount = moves.Count(m => categories.Of(m.FromId, m.FromName) == JiraCategoryKey.Done
                && categories.Of(m.ToId, m.ToName) is { } to && to != JiraCategoryKey.Done),
            CategoryChanges = CategoryChanges(moves, categories),
            ParentKey = ParentKey(fields, epicLinkField),
            IsContainer = mapping.IsContainer(type),
            HoursInStatus = HoursInStatus(moves, fields.Status?.Name, created.Value, currentCategory == JiraCategoryKey.Done ? resolved ?? updated : updated),
            LinkedPullRequests = PullRequests(links, fields.Summary),
            Description = description,
            Origin = origin,
        };
    }

    /// <summary>Status changes, oldest first. Jira returns histories newest first in search and oldest first elsewhere.</summary>
    internal static List<StatusMove> StatusMoves(IReadOnlyList<JiraHistory> histories) =>
        histories
            .SelectMany(h => (h.Items ?? [])
                .Where(i => string.Equals(i.FieldId ?? i.Field, "status", StringComparison.OrdinalIgnoreCase))
                .Select(i => (At: JiraTime.Parse(h.Created), Item: i, HistoryId: h.Id)))
            .Where(x => x.At is not null)
            .Select(x => new StatusMove(x.At!.Value, x.Item.From, x.Item.FromString, x.Item.To, x.Item.ToText, x.HistoryId))
            .OrderBy(m => m.At)
            .ThenBy(m => long.TryParse(m.HistoryId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .ToList();

    /// <summary>
    /// The moves that changed the status category, as stored categories. A move into a status whose category is
    /// unknown is left out (the item stays where it was), so one odd status cannot flip a week's state.
    /// </summary>
    internal static List<WorkItemCategoryChange> CategoryChanges(List<StatusMove> moves, JiraStatusCategories categories)
    {
        string? Known(string? id, string? name) => categories.Of(id, name) is { } key ? JiraStatusCategories.Stored(key) : null;

        var changes = new List<WorkItemCategoryChange>();
        string? state = moves.Count > 0 ? Known(moves[0].FromId, moves[0].FromName) : null;
        foreach (var move in moves)
        {
            if (Known(move.ToId, move.ToName) is not { } to)
            {
                continue;
            }

            var from = state ?? Known(move.FromId, move.FromName) ?? WorkItemStatus.ToDo;
            if (to != from)
            {
                changes.Add(new WorkItemCategoryChange(move.At, from, to));
            }

            state = to;
        }

        return changes;
    }

    private static string? ParentKey(JiraFields fields, string? epicLinkField)
    {
        if (!string.IsNullOrWhiteSpace(fields.Parent?.Key))
        {
            return fields.Parent.Key;
        }

        return epicLinkField is not null
            && fields.CustomFields?.TryGetValue(epicLinkField, out var link) == true
            && link.ValueKind == System.Text.Json.JsonValueKind.String
            && link.GetString() is { Length: > 0 } key ? key : null;
    }

    private static Dictionary<string, double> HoursInStatus(List<StatusMove> moves, string? current, DateTimeOffset created, DateTimeOffset until)
    {
        var hours = new Dictionary<string, double>(StringComparer.Ordinal);
        var status = moves.Count > 0 ? moves[0].FromName : current;
        var since = created;
        foreach (var move in moves)
        {
            Add(hours, status, since, move.At);
            (status, since) = (move.ToName, move.At);
        }

        Add(hours, status, since, until);
        return hours;
    }

    private static void Add(Dictionary<string, double> hours, string? status, DateTimeOffset from, DateTimeOffset to)
    {
        if (status is null || to <= from)
        {
            return;
        }

        hours[status] = Math.Round(hours.GetValueOrDefault(status) + (to - from).TotalHours, 2);
    }

    private static List<string> PullRequests(IReadOnlyList<string> links, string? summary) =>
        links.Append(summary ?? "")
            .SelectMany(l => PullRequestUrl().Matches(l))
            .Select(m => $"{m.Groups["owner"].Value}/{m.Groups["repo"].Value}#{m.Groups["number"].Value}")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    [GeneratedRegex(@"https?://[^/\s]+/(?<owner>[A-Za-z0-9_.-]+)/(?<repo>[A-Za-z0-9_.-]+)/pull/(?<number>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PullRequestUrl();
}

internal sealed record StatusMove(DateTimeOffset At, string? FromId, string? FromName, string? ToId, string? ToName, string? HistoryId);
