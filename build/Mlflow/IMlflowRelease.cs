using Docker;
using Git;
using GitHub.Api;
using Registry;
using Tooling;
using Release = Mlflow.MlflowRelease;

namespace Mlflow;

/// <summary>
/// MlflowRelease: is there a newer MLflow than the one this repository builds? Lists the base image's tags through
/// the registry API, picks the newest stable vX.Y.Z and compares it with the default (dockerfile.mlflow's ARG).
/// With --update it changes that line; on GitHub Actions it then pushes a branch and opens a pull request, or
/// reports the one already open. With GITHUB_TOKEN, whose pull request starts no workflow, it starts the pull request's
/// checks itself (workflow_dispatch on the branch). The body carries the upstream release notes in between
/// (IMlflowRelease.Propose.cs). MLflow's own knowledge (its tags, its release page), hence here and not in Components.
/// </summary>
partial interface IMlflowRelease : IHazMlflowVersions, IHazGitHubContext, IHazDocker
{
    [Parameter("MlflowRelease: change the default MLflow version to the newest release (on GitHub Actions: push a branch and open a pull request)")]
    bool Update => TryGetValue<bool?>(() => Update) ?? false;

    /// <summary>Who commits the change on Actions: the identity GitHub shows for GITHUB_TOKEN's own commits.</summary>
    static readonly (string Name, string Email) Committer = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com");

    [Parameter("MlflowRelease: an app or personal access token for the branch and pull request (on Actions the RELEASE_TOKEN secret); GitHub then runs the pull request's own workflows. Default: GITHUB_TOKEN, and MlflowRelease starts the checks itself"), Secret]
    Secret? ReleaseToken => TryGetValue(() => ReleaseToken);

    Target MlflowRelease => _ => _
        .Description("Compares the newest stable MLflow release of the base image with the default version; --update proposes it")
        .Resolves(ResolveGitHubContextAsync)
        .Executes(async () =>
        {
            var current = DefaultMlflowVersion;
            var tags = await BaseImageTagsAsync();
            var newest = Release.Newest(tags)
                ?? throw new BuildError($"{MlflowImage} has no stable vX.Y.Z tag among its {tags.Count} tags (release candidates, -full and latest do not count); is --mlflow-image the MLflow image?");
            Log.Information($"Newest MLflow release in {MlflowImage}: {newest.Tag}");
            Log.Information($"Default version of this build:   {current}");
            ReportSummary("MLflow", $"{newest.Tag} (default {current})");
            if (Release.TryParse(current) is { } built && built.CompareTo(newest) >= 0) { Log.Information("Up to date."); return; }
            if (!Update) { Log.Information($"{newest.Tag} is newer: `./build.sh MlflowRelease --update` makes it the default."); return; }

            var proposal = new MlflowReleaseProposal(current, newest);
            var context = GitHubContext;
            if (context.IsGitHubActions && await Api(context, Credentials).FindOpenPullRequestAsync(context.Owner, context.RepositoryName, proposal.Branch) is { } open)
            {
                Log.Information($"Pull request #{open.Number} already proposes {newest.Tag}: {open.Url}");
                ReportSummary("Pull request", open.Url);
                return;
            }
            MlflowDefaultVersion.WriteFile(MlflowDockerfile, newest.Tag);
            Log.Information($"dockerfile.mlflow: ARG MLFLOW_VERSION={current} → {newest.Tag}");
            if (context.IsGitHubActions) await ProposeAsync(context, proposal);
        });

    /// <summary>The base image's tags: docker's stored login for its registry when there is one, else anonymous.</summary>
    private async Task<IReadOnlyList<string>> BaseImageTagsAsync()
    {
        var reference = ImageReference.Parse(MlflowImage);
        var login = await DockerCredentials.FindAsync(reference.Registry, DockerCli.UserEnvironment);
        using var registry = new RegistryApi(reference, login?.Username, login?.Password);
        return await RegistryTagList.ListAsync(registry, reference);
    }
}
