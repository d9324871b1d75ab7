using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Team;

namespace TechLead.GitHub;

/// <summary>Every team's repository is one GitHub:Repositories syncs: a repository nobody syncs would read as an idle team.</summary>
internal sealed class TeamRepositoriesValidator(IConfiguration configuration) : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var problems = new SettingProblems();
        if (!options.IsConfigured)
        {
            return problems.ToResult();
        }

        var teams = TeamsOptions.Read(configuration);
        foreach (var team in teams)
        {
            var repositories = team.Repositories;
            for (var r = 0; r < repositories.Count; r++)
            {
                // Malformed names are the team settings' own problem, reported there.
                if (RepositoryName.TryParse(repositories[r], out var repository) && !options.RepositoryNames.Contains(repository.Value))
                {
                    problems.Add($"{team.Path}:Repositories:{r}", $"is '{repositories[r]}', which GitHub:Repositories does not list, so nothing syncs it; add it there",
                        $"GitHub:Repositories:{options.Repositories.Count}={repositories[r].Trim()}");
                }
            }
        }

        return problems.ToResult();
    }
}
