using Workflows;

namespace Mlflow;

/// <summary>What MlflowRelease --update proposes: the branch, the commit message and the pull request for a new release.</summary>
internal sealed record MlflowReleaseProposal(string Current, MlflowRelease Release)
{
    /// <summary>One branch per release: the next daily run finds its open pull request by this name.</summary>
    public string Branch => $"mlflow-release/{Release.Tag}";
    public string Title => $"Build the image from MLflow {Release}";
    public string ReleaseUrl => $"https://github.com/mlflow/mlflow/releases/tag/{Release.Tag}";
    public const string ReleasesUrl = "https://github.com/mlflow/mlflow/releases";

    /// <summary>
    /// The pull request's text: what the release notes warn about first, then the change, the checks, how to upgrade a
    /// running server, and the notes of every release in between. <paramref name="notes"/> null: they could not be read.
    /// </summary>
    public string Body(MlflowUpgradeNotes? notes, string checks) =>
        $"""
        {notes?.HighlightsMarkdown() ?? $"> [!CAUTION]\n> The release notes could not be read; read them before merging: {ReleasesUrl}\n"}
        MLflow {Release} is out: {ReleaseUrl}

        This changes the default MLflow version in `dockerfile.mlflow` (`ARG MLFLOW_VERSION`, which the build reads too)
        from `{Current}` to `{Release.Tag}`.

        ### Checks

        {checks}

        ### Upgrading a running server

        1. Stop every MLflow server and job that writes to the backend store, and back up the database.
        2. Run `mlflow db upgrade <backend-store-uri>` once, from the new image.
        3. Start the new image, with any server flags the notes above ask for.

        ### Release notes after {Current}

        {(notes is { Releases.Count: > 0 } ? notes.NotesMarkdown() : $"See {ReleasesUrl}.")}
        Opened by `./build.sh MlflowRelease --update`.
        """;

    /// <summary>
    /// The checks section when MlflowRelease started the workflows itself (GITHUB_TOKEN opened the pull request):
    /// each links its run, or the workflow's runs on this branch when the run was not listed yet.
    /// </summary>
    public string StartedChecks(IReadOnlyList<WorkflowDispatch> started, IReadOnlyDictionary<string, string> links) =>
        started.Count == 0 ? "No workflow of this repository checks pull requests and can be started by hand: nothing checked this change."
        : "GitHub starts no workflow for a pull request that `GITHUB_TOKEN` opens, so `MlflowRelease` started these on this branch:\n\n"
          + string.Concat(started.Select(dispatch =>
              $"- [{dispatch.File}]({links[dispatch.File]}){(dispatch.Inputs.Count > 0 ? " with " + string.Join(", ", dispatch.Inputs.Select(input => $"`{input.Key}: {input.Value}`")) : "")}\n"))
          + "\nA new push to this branch by a person starts the pull request's own workflows as usual.";

    /// <summary>The checks section when an app or personal token opened the pull request: GitHub runs its workflows.</summary>
    public static string OwnChecks(string secret) =>
        $"Opened with the token in the `{secret}` secret, so GitHub runs this pull request's own workflows.";

    /// <summary>The workflow's runs on this branch: the link when its dispatched run is not listed yet.</summary>
    public string WorkflowRunsUrl(string serverUrl, string repository, string file) =>
        $"{serverUrl.TrimEnd('/')}/{repository}/actions/workflows/{file}?query={Uri.EscapeDataString($"branch:{Branch}")}";
}
