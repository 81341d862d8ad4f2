using Git;
using GitHub.Api;
using Workflows;
using Tooling;
using Release = Mlflow.MlflowRelease;

namespace Mlflow;

/// <summary>
/// The token a release pull request is made with. GITHUB_TOKEN's pull request starts no workflow (GitHub's rule
/// against runs causing runs), so with it MlflowRelease starts the checks itself; an app or personal token's does.
/// </summary>
internal sealed record ReleaseCredentials(Engine.Secret Token, string Source, bool GitHubRunsChecks)
{
    /// <summary>The repository secret a workflow hands to ReleaseToken.</summary>
    public const string Secret = "RELEASE_TOKEN";

    public static ReleaseCredentials? Choose(Engine.Secret? releaseToken, Engine.Secret? gitHubToken) =>
        releaseToken is { IsEmpty: false } own ? new(own, Secret, GitHubRunsChecks: true)
        : gitHubToken is { IsEmpty: false } job ? new(job, "GITHUB_TOKEN", GitHubRunsChecks: false)
        : null;
}

partial interface IMlflowRelease
{
    private ReleaseCredentials? Credentials => ReleaseCredentials.Choose(ReleaseToken, GitHubToken);

    private GitHubApi Api(GitHub.GitHubContext context, ReleaseCredentials? credentials) => new(context.ApiUrl, credentials?.Token);

    /// <summary>
    /// One commit on the release's branch, pushed (forced: the branch is this target's own), the checks started when
    /// GitHub will not start them, then the pull request. A failed start opens no pull request, so the next run retries.
    /// </summary>
    private async Task ProposeAsync(GitHub.GitHubContext context, MlflowReleaseProposal proposal)
    {
        var credentials = Credentials ?? throw new BuildError(
            $"Neither {ReleaseCredentials.Secret} nor GITHUB_TOKEN is set: the job needs one (with contents: write, pull-requests: write and actions: write) to push the branch, start its checks and open the pull request.");
        var checks = credentials.GitHubRunsChecks ? (Dispatchable: [], NotDispatchable: []) : PullRequestChecks.Of(GetType());
        Log.Information(credentials.GitHubRunsChecks
            ? $"Token: {credentials.Source} (an app or personal access token): GitHub runs the pull request's own workflows."
            : $"Token: GITHUB_TOKEN, whose pull request starts no workflow: this run starts {Files(checks.Dispatchable)} on {proposal.Branch} itself (set the {ReleaseCredentials.Secret} secret to an app or personal token to have GitHub run them).");
        foreach (var file in checks.NotDispatchable)
            Log.Warning($"{file} checks pull requests but has no workflow_dispatch trigger: it cannot be started on {proposal.Branch}, so it will not check this pull request.");
        var api = Api(context, credentials);
        var notes = await UpgradeNotesAsync(api, proposal);

        var root = (string)RootDirectory;
        await ToolRunner.RunCheckedAsync(GitCommands.SwitchToBranchAtHead(root, proposal.Branch));
        await ToolRunner.RunCheckedAsync(GitCommands.CommitPaths(root, [Path.GetRelativePath(root, MlflowDockerfile)], Committer, proposal.Title, proposal.ReleaseUrl));
        await ToolRunner.RunCheckedAsync(GitCommands.ForcePushHead(root, "origin", proposal.Branch, context.ServerUrl, credentials.Token));
        var headSha = (await ToolRunner.RunCheckedAsync(GitCommands.Head(root), echoOutput: false)).StandardOutput.Split('\n')[0].Trim();
        var runs = await StartChecksAsync(api, context, proposal, checks.Dispatchable, headSha);
        ReportSummary("Checks", credentials.GitHubRunsChecks ? $"run by GitHub ({credentials.Source})" : $"started by this run: {Files(checks.Dispatchable)}");

        var baseBranch = context.DefaultBranch is { Length: > 0 } branch ? branch : "main";
        var checksText = credentials.GitHubRunsChecks ? MlflowReleaseProposal.OwnChecks(credentials.Source) : proposal.StartedChecks(checks.Dispatchable, runs);
        var created = await api.CreatePullRequestAsync(context.Owner, context.RepositoryName, proposal.Branch, baseBranch, proposal.Title, proposal.Body(notes, checksText));
        Log.Information($"Opened pull request #{created.Number}: {created.Url}");
        ReportSummary("Pull request", created.Url);
    }

    /// <summary>Starts each check on the branch (workflow_dispatch), then links each to its run, or to the workflow's runs on the branch.</summary>
    private static async Task<Dictionary<string, string>> StartChecksAsync(GitHubApi api, GitHub.GitHubContext context, MlflowReleaseProposal proposal,
        IReadOnlyList<WorkflowDispatch> dispatches, string headSha)
    {
        foreach (var dispatch in dispatches)
        {
            await api.DispatchWorkflowAsync(context.Owner, context.RepositoryName, dispatch.File, proposal.Branch, dispatch.Inputs);
            Log.Information($"Started {dispatch.File} on {proposal.Branch}{string.Concat(dispatch.Inputs.Select(input => $" ({input.Key}: {input.Value})"))}");
        }
        var runs = new Dictionary<string, string>();
        foreach (var dispatch in dispatches)
        {
            runs[dispatch.File] = await api.FindDispatchedRunAsync(context.Owner, context.RepositoryName, dispatch.File, proposal.Branch, headSha)
                                  ?? proposal.WorkflowRunsUrl(context.ServerUrl, context.Repository, dispatch.File);
            Log.Information($"{dispatch.File}: {runs[dispatch.File]}");
        }
        return runs;
    }

    /// <summary>MLflow's notes of every release after the current default up to the proposed one; null (after a warning) when unreadable.</summary>
    private static async Task<MlflowUpgradeNotes?> UpgradeNotesAsync(GitHubApi api, MlflowReleaseProposal proposal)
    {
        var current = Release.TryParse(proposal.Current);
        var releases = await api.GetReleasesAsync("mlflow", "mlflow", current?.Tag ?? proposal.Release.Tag);
        if (releases is null) return null;
        var notes = MlflowUpgradeNotes.Between(releases, current, proposal.Release);
        var highlights = notes.Highlights;
        Log.Information($"Release notes of MLflow {string.Join(", ", notes.Releases.Select(each => each.Release))}: {highlights.Count} line(s) on migrations, breaking changes or defaults");
        foreach (var highlight in highlights.Take(5)) Log.Information($"  {highlight.Release}: {highlight.Line}");
        return notes;
    }

    private static string Files(IReadOnlyList<WorkflowDispatch> dispatches) =>
        dispatches.Count == 0 ? "no workflow" : string.Join(" and ", dispatches.Select(dispatch => dispatch.File));
}
