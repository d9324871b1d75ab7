namespace TechLead.GitHub;

/// <summary>
/// One resource of a repository's sync (pull requests, issues, releases...): each is registered once and
/// <see cref="RepositorySync"/> runs them in its own fixed order, after the repository itself was read.
/// </summary>
internal interface IRepositorySyncStep
{
    /// <summary>What the step syncs, as progress, problems and an early stop name it.</summary>
    string Name { get; }

    /// <summary>The fine-grained permission a refusal of this step points at.</summary>
    string Permission { get; }

    Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken);
}
