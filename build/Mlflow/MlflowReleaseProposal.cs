namespace Mlflow;

/// <summary>What MlflowRelease --update proposes: the branch, the commit message and the pull request for a new release.</summary>
internal sealed record MlflowReleaseProposal(string Current, MlflowRelease Release)
{
    /// <summary>One branch per release: the next daily run finds its open pull request by this name.</summary>
    public string Branch => $"mlflow-release/{Release.Tag}";
    public string Title => $"Build the image from MLflow {Release}";
    public string ReleaseUrl => $"https://github.com/mlflow/mlflow/releases/tag/{Release.Tag}";

    public string Body =>
        $"""
        MLflow {Release} is out: {ReleaseUrl}

        This changes the default MLflow version in `dockerfile.mlflow` (`ARG MLFLOW_VERSION`, which the build reads too)
        from `{Current}` to `{Release.Tag}`. The pull request's own workflow run builds the image from the new base.

        Opened by `./build.sh MlflowRelease --update`.
        """;
}
