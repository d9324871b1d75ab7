using System.Net;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Jira;

namespace TechLead.Doctor;

/// <summary>
/// Jira, through the sync's client: the account (<c>GET /rest/api/{3|2}/myself</c>), each configured project
/// (<c>/project/{key}</c>) and the fields the sync asks for (<c>/field</c>), the Epic Link field included.
/// </summary>
internal sealed class JiraConnection(JiraClient client, IOptions<JiraOptions> options, TimeProvider time) : IDoctorCheck
{
    public string Name => "Jira";

    public bool IsConfigured => options.Value.IsConfigured;

    public string NotConfigured => "not configured (Jira:BaseUrl is empty)";

    private string CredentialSetting => options.Value.UsesPersonalAccessToken ? "Jira:PersonalAccessToken" : "Jira:Email, Jira:ApiToken";

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var jira = new JiraRun(new SyncBudget(time, DoctorRun.CheckTimeout));
        var host = settings.BaseUri.Host;
        bool cloud;
        JiraMyself me;
        try
        {
            cloud = await client.IsCloudAsync(jira, cancellationToken);
            me = await client.MyselfAsync(jira, cloud, cancellationToken);
        }
        catch (JiraApiException e) when (e.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return [DoctorResult.Failed(Name, "account", $"{host} refused the credentials ({(int)e.Status})", CredentialSetting,
                settings.UsesPersonalAccessToken
                    ? "Create a personal access token in Jira (Profile > Personal Access Tokens) and set Jira:PersonalAccessToken."
                    : "Create an API token at id.atlassian.com for the account in Jira:Email and set Jira:ApiToken.")];
        }
        catch (Exception e) when (e is JiraApiException or HttpRequestException)
        {
            return [DoctorResult.Failed(Name, "account", $"{host} did not answer as Jira does ({Reason(e)})", "Jira:BaseUrl", "Set the site's address, e.g. https://your-team.atlassian.net.")];
        }

        var results = new List<DoctorResult> { DoctorResult.Ok(Name, "account", $"signed in at {host} ({(cloud ? "Cloud" : "Data Center")}) as {me.DisplayName ?? "(no display name)"}") };
        var keys = settings.ProjectKeys;
        for (var i = 0; i < keys.Count; i++)
        {
            results.Add(await ProjectAsync(jira, cloud, keys[i], i, cancellationToken));
        }

        results.Add(await FieldsAsync(jira, cloud, settings, cancellationToken));
        return results;
    }

    private async Task<DoctorResult> ProjectAsync(JiraRun jira, bool cloud, string key, int index, CancellationToken cancellationToken)
    {
        try
        {
            var project = await client.ProjectAsync(jira, cloud, key, cancellationToken);
            return DoctorResult.Ok(Name, key, $"readable: {project.Name ?? key}");
        }
        catch (JiraApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return DoctorResult.Failed(Name, key, "not found, or not visible to this account (Jira answers 404 for both)", $"Jira:Projects:{index}",
                "Correct the key, or give the account the project's Browse projects permission.");
        }
        catch (JiraApiException e)
        {
            return DoctorResult.Failed(Name, key, $"answered {(int)e.Status} ({Reason(e)})", $"Jira:Projects:{index}", "Check the account's permissions on the project.");
        }
    }

    private async Task<DoctorResult> FieldsAsync(JiraRun jira, bool cloud, JiraOptions settings, CancellationToken cancellationToken)
    {
        const string Subject = "fields";
        List<JiraField> fields;
        try
        {
            fields = await client.FieldsAsync(jira, cloud, cancellationToken);
        }
        catch (JiraApiException e)
        {
            return DoctorResult.Failed(Name, Subject, $"the field list answered {(int)e.Status} ({Reason(e)})", CredentialSetting, "Check the account's permissions.");
        }

        var known = fields.Select(f => f.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (settings.EpicLinkFieldId is { } epicLink && !known.Contains(epicLink))
        {
            return DoctorResult.Failed(Name, Subject, $"the site has no field {epicLink}", "Jira:EpicLinkField",
                "Set the id of the site's Epic Link field (GET /rest/api/2/field, the entry whose schema custom is com.pyxis.greenhopper.jira:gh-epic-link), or leave it empty.");
        }

        var absent = JiraClient.Fields.Where(f => !known.Contains(f)).ToList();
        return absent.Count == 0
            ? DoctorResult.Ok(Name, Subject, $"every field the sync reads exists{(settings.EpicLinkFieldId is { } field ? $", Epic Link {field} included" : "")}")
            : DoctorResult.Failed(Name, Subject, $"the site hides fields the sync reads: {string.Join(", ", absent)}", "Jira:Projects",
                "Add the fields to the projects' screens, or ask a Jira administrator why they are hidden from this account.");
    }

    private static string Reason(Exception e) => e is JiraApiException api && api.Messages.Count > 0 ? string.Join("; ", api.Messages) : e.GetType().Name;
}
