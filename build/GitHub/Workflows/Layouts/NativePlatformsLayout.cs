namespace GitHub.Workflows.Layouts;

/// <summary>A platform and the runner that builds it natively (no emulation).</summary>
internal sealed record PlatformRunner(string Platform, string RunsOn)
{
    /// <summary>
    /// "linux/arm/v7" → "linux-arm-v7": artifact names cannot hold '/'. The same slug names the digest files
    /// DockerBuildx writes (the merge job finds them by it), so it is <see cref="Docker.PlatformImage.Slug"/>.
    /// </summary>
    public string Slug => Docker.PlatformImage.Slug(Platform);
}

/// <summary>
/// Splits the attribute's job into a matrix job per platform, each on its native runner, building and
/// pushing by digest and uploading a digest file, and a merge job that downloads the digests, runs the
/// final targets (index, tags, annotations, summary) and exposes their step outputs as job outputs.
/// </summary>
internal sealed record NativePlatformsLayout(
    IReadOnlyList<PlatformRunner> Platforms,
    IReadOnlyList<string> PlatformTargets,
    IReadOnlyList<string> MergeTargets,
    IReadOnlyList<string> Outputs)
{
    public string PlatformsParameter { get; init; } = "Platforms";
    public string DigestsParameter { get; init; } = "DigestsDirectory";
    public string PlatformJobId { get; init; } = "build";
    public string MergeJobId { get; init; } = "merge";
    public string MergeStepId { get; init; } = "merge";

    const string DigestsDirectory = "${{ runner.temp }}/digests";
    const string DigestArtifactPrefix = "digests-";

    public void Apply(Workflow workflow, GitHubActionsAttribute attribute)
    {
        var template = workflow.Jobs.Single();
        workflow.Jobs.Clear();
        workflow.Jobs.Add(PlatformJob(template, attribute));
        workflow.Jobs.Add(MergeJob(template, attribute));
    }

    WorkflowJob PlatformJob(WorkflowJob template, GitHubActionsAttribute attribute)
    {
        var job = JobLike(template, PlatformJobId, "${{ matrix.runner }}");
        job.Name = $"{PlatformJobId} ${{{{ matrix.platform }}}}";
        job.Strategy = new JobStrategy();
        foreach (var platform in Platforms)
            job.Strategy.MatrixInclude.Add(new() { ["platform"] = platform.Platform, ["runner"] = platform.RunsOn, ["slug"] = platform.Slug });

        var build = attribute.BuildStep(PlatformTargets);
        build.Parameters[PlatformsParameter] = "${{ matrix.platform }}";
        build.Parameters[DigestsParameter] = DigestsDirectory;

        var upload = ActionPins.UploadArtifact.Step("Upload digest");
        upload.With["name"] = DigestArtifactPrefix + "${{ matrix.slug }}";
        upload.With["path"] = DigestsDirectory;
        // A fork's pull request builds without pushing and has no digest; the merge target checks completeness.
        upload.With["if-no-files-found"] = "ignore";
        upload.With["retention-days"] = 1;

        job.Steps.AddRange([attribute.CheckoutStep(), .. attribute.StartSteps(), DockerSteps.SetupBuildx(), DockerSteps.GitHubRuntime(), build, upload]);
        return job;
    }

    WorkflowJob MergeJob(WorkflowJob template, GitHubActionsAttribute attribute)
    {
        var job = JobLike(template, MergeJobId, template.RunsOn.ToArray());
        job.Name = MergeJobId;
        job.Needs.Add(PlatformJobId);
        foreach (var output in Outputs) job.Outputs[output] = $"${{{{ steps.{MergeStepId}.outputs.{output} }}}}";

        var download = ActionPins.DownloadArtifact.Step("Download digests");
        download.With["pattern"] = DigestArtifactPrefix + "*";
        download.With["merge-multiple"] = true;
        download.With["path"] = DigestsDirectory;

        var merge = attribute.BuildStep(MergeTargets);
        merge.Id = MergeStepId;
        merge.Parameters[PlatformsParameter] = string.Join(',', Platforms.Select(platform => platform.Platform));
        merge.Parameters[DigestsParameter] = DigestsDirectory;

        job.Steps.AddRange([attribute.CheckoutStep(), .. attribute.StartSteps(), download, DockerSteps.SetupBuildx(), merge]);
        return job;
    }

    static WorkflowJob JobLike(WorkflowJob template, string id, params string[] runsOn) => new(id)
    {
        RunsOn = [.. runsOn],
        Permissions = template.Permissions?.Copy(),
        Environment = template.Environment,
        Concurrency = template.Concurrency,
        TimeoutMinutes = template.TimeoutMinutes,
        If = template.If,
    };
}
