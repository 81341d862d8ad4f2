using GitHub;

namespace Git;

/// <summary>The Checkout target's work: read the repository, verify it, deepen it on GitHub Actions, report it.</summary>
internal static class GitCheckout
{
    /// <summary>Returns the repository's facts after any deepening; throws <see cref="BuildError"/> when it is unusable.</summary>
    public static async Task<GitRepositoryFacts> PrepareAsync(string directory, GitHubContext context)
    {
        var repository = await GitRepository.ReadAsync(directory);
        var plan = CheckoutPlan.For(repository, context);
        foreach (var warning in plan.Warnings) Log.Warning(warning);
        if (plan.Unshallow)
        {
            await GitRepository.UnshallowAsync(repository);
            repository = repository with { IsShallow = false };
        }
        if (plan.FetchTags && await GitRepository.FetchTagsAsync(repository) is { Succeeded: false } fetch)
            Log.Warning($"Could not fetch tags from origin (exit code {fetch.ExitCode}); GitVersion may miss newer release tags.");
        var identifier = repository.Repository is { Length: > 0 } id ? $", repository {id}" : "";
        Log.Information($"Checkout: {plan.Description}{identifier}");
        return repository;
    }
}
