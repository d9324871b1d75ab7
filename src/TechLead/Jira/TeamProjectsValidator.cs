using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Team;

namespace TechLead.Jira;

/// <summary>Every team's Jira project is one Jira:Projects syncs: a project nobody syncs would read as an idle team.</summary>
internal sealed class TeamProjectsValidator(IConfiguration configuration) : IValidateOptions<JiraOptions>
{
    public ValidateOptionsResult Validate(string? name, JiraOptions options)
    {
        var problems = new SettingProblems();
        if (!options.IsConfigured)
        {
            return problems.ToResult();
        }

        var teams = TeamsOptions.Read(configuration);
        foreach (var team in teams)
        {
            var projects = team.JiraProjects;
            for (var p = 0; p < projects.Count; p++)
            {
                var key = projects[p]?.Trim().ToUpperInvariant();
                if (!string.IsNullOrEmpty(key) && !options.ProjectKeys.Contains(key))
                {
                    problems.Add($"{team.Path}:JiraProjects:{p}", $"is '{projects[p]}', which Jira:Projects does not list, so nothing syncs it; add it there",
                        $"Jira:Projects:{options.Projects.Count}={key}");
                }
            }
        }

        return problems.ToResult();
    }
}
