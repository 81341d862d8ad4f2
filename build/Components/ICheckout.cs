using Git;

namespace Components;

/// <summary>
/// Makes sure the checkout of the repository containing the root is usable: on GitHub Actions HEAD must be
/// GITHUB_SHA, and a shallow clone is deepened with its tags (GitVersion needs them); locally it reports.
/// </summary>
interface ICheckout : IHazGitVersion, IHazGitHubContext
{
    Target Checkout => _ => _
        .Description("Makes sure the git checkout is usable and reports branch, sha and version")
        .Resolves(ResolveGitHubContextAsync)
        // Tag reads the history (its version, GitVersion's), so it must see the deepened clone.
        .TryBefore<ITag>(x => x.Tag)
        // Cheap checks; --continue runs it again so the GitVersion result and context are there for Tag.
        .RerunOnContinue("the version and context it reads are not kept between runs")
        .Executes(async () =>
        {
            // Locally only the host matters: the context from git would cost git calls and say nothing new.
            var repository = await GitCheckout.PrepareAsync(RootDirectory, IsServerBuild ? GitHubContext : new GitHub.GitHubContext());
            ReportSummary("Commit", $"{repository.Branch ?? "detached"} @ {repository.ShortSha}");
            var computed = await ResolveGitVersionAsync();
            if (computed.Version is { } version)
            {
                Log.Information($"GitVersion: SemVer {version.SemVer}, FullSemVer {version.FullSemVer}");
                ReportSummary("SemVer", version.SemVer);
                ReportSummary("FullSemVer", version.FullSemVer);
            }
            else
                Log.Warning($"No version from GitVersion: {computed.Problem} (only tag rules using {{{{gitversion.*}}}} need one).");
        });
}
