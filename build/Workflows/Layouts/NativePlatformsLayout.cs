namespace Workflows.Layouts;

/// <summary>A platform and the runner that builds it natively (no emulation).</summary>
internal sealed record PlatformRunner(string Platform, string RunsOn)
{
    /// <summary>
    /// "linux/arm/v7" → "linux-arm-v7": artifact names cannot hold '/'. The same slug names the digest files
    /// DockerBuildx writes (the merge job finds them by it), so it is <see cref="Publishing.PlatformImage.Slug"/>.
    /// </summary>
    public string Slug => Publishing.PlatformImage.Slug(Platform);
}

/// <summary>
/// One of several images a workflow builds from the same sources (e.g. one per version of the product it packages): its name (in job
/// names and artifact names, so letters, digits, '.', '-', '_') and the build parameters that select it.
/// </summary>
public sealed record LayoutVariant(string Name, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Splits the attribute's job into a matrix job per platform, each on its native runner, building and
/// pushing by digest and uploading a digest file, and a merge job that downloads the digests, runs the
/// final targets (index, tags, annotations, summary) and exposes their step outputs as job outputs. With
/// <see cref="DecisionTargets"/>, a short first job decides before any runner builds: its outputs build and merge
/// ('true'/'false') gate the platform jobs and the merge job (an unchanged scheduled run is that one job).
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
    public string DecisionJobId { get; init; } = "inputs";

    /// <summary>
    /// The first job's targets (CheckInputs), which write the step outputs build and merge. Empty: no first job. Not
    /// with <see cref="Variants"/>: a job's `if` cannot read its matrix entry, so one decision cannot gate one variant.
    /// </summary>
    public IReadOnlyList<string> DecisionTargets { get; init; } = [];

    bool Decides => DecisionTargets.Count > 0 && Variants.Count == 0;

    /// <summary>
    /// Images to build side by side: the platform matrix becomes variants × platforms and the merge job a matrix
    /// per variant (each merges its own digests). Without fail-fast, and a merge runs unless the run was
    /// cancelled, so one variant failing leaves the others to publish (its own merge then fails naming the
    /// missing digest). Empty: one image, as before.
    /// </summary>
    public IReadOnlyList<LayoutVariant> Variants { get; init; } = [];

    const string DigestsDirectory = "${{ runner.temp }}/digests";
    const string DigestArtifactPrefix = "digests-";

    public void Apply(Workflow workflow, GitHubActionsAttribute attribute)
    {
        var template = workflow.Jobs.Single();
        workflow.Jobs.Clear();
        if (Decides) workflow.Jobs.Add(DecisionJob(template, attribute));
        workflow.Jobs.Add(PlatformJob(template, attribute));
        workflow.Jobs.Add(MergeJob(template, attribute));
    }

    /// <summary>The first job: the decision targets over every platform, their step outputs as the job's outputs.</summary>
    WorkflowJob DecisionJob(WorkflowJob template, GitHubActionsAttribute attribute)
    {
        var job = JobLike(template, DecisionJobId, template.RunsOn.ToArray());
        job.Name = DecisionJobId;
        // It reads the tags and the base image: no write permission.
        if (job.Permissions is { } permissions)
            foreach (var (scope, _) in permissions.Entries.Where(e => e.Value == PermissionLevel.Write).ToList()) permissions[scope] = PermissionLevel.Read;
        job.TimeoutMinutes = 15;
        foreach (var output in DecisionOutputs) job.Outputs[output] = $"${{{{ steps.{DecisionJobId}.outputs.{output} }}}}";
        var decide = attribute.BuildStep(DecisionTargets);
        decide.Id = DecisionJobId;
        decide.Parameters[PlatformsParameter] = string.Join(',', Platforms.Select(platform => platform.Platform));
        job.Steps.AddRange([attribute.CheckoutStep(), .. attribute.StartSteps(), decide]);
        return job;
    }

    /// <summary>CheckInputs' step outputs (Publishing.InputsDecision.Outputs).</summary>
    static readonly string[] DecisionOutputs = ["build", "merge", "inputs", "digest", "reason"];

    WorkflowJob PlatformJob(WorkflowJob template, GitHubActionsAttribute attribute)
    {
        var job = JobLike(template, PlatformJobId, "${{ matrix.runner }}");
        if (Decides)
        {
            job.Needs.Add(DecisionJobId);
            job.If = WorkflowCondition.And(job.If, $"needs.{DecisionJobId}.outputs.build == 'true'");
        }
        job.Name = $"{PlatformJobId} {(Variants.Count > 0 ? "${{ matrix.variant }} " : "")}${{{{ matrix.platform }}}}";
        job.Strategy = new JobStrategy { FailFast = Variants.Count > 0 ? false : null };
        foreach (LayoutVariant? variant in Variants.Count > 0 ? Variants : [null!])
            foreach (var platform in Platforms)
            {
                var entry = new OrderedDictionary<string, WorkflowValue> { ["platform"] = platform.Platform, ["runner"] = platform.RunsOn, ["slug"] = platform.Slug };
                if (variant is not null) AddVariant(entry, variant);
                job.Strategy.MatrixInclude.Add(entry);
            }

        var build = attribute.BuildStep(PlatformTargets);
        build.Parameters[PlatformsParameter] = "${{ matrix.platform }}";
        build.Parameters[DigestsParameter] = DigestsDirectory;
        AddVariantParameters(build);

        var upload = ActionPins.UploadArtifact.Step("Upload digest");
        upload.With["name"] = DigestArtifactPrefix + VariantPrefix + "${{ matrix.slug }}";
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
        job.Name = MergeJobId + (Variants.Count > 0 ? " ${{ matrix.variant }}" : "");
        if (Decides)
        {
            // Also when the platform jobs were skipped (unchanged inputs, a tag to restore); never after one failed.
            job.Needs.Add(DecisionJobId);
            job.If = WorkflowCondition.And("!cancelled()", $"needs.{DecisionJobId}.outputs.merge == 'true'",
                $"needs.{PlatformJobId}.result == 'success' || needs.{PlatformJobId}.result == 'skipped'", job.If);
        }
        job.Needs.Add(PlatformJobId);
        if (Variants.Count > 0)
        {
            job.Strategy = new JobStrategy { FailFast = false };
            foreach (var variant in Variants) job.Strategy.MatrixInclude.Add(AddVariant(new(), variant));
            job.If = WorkflowCondition.And("!cancelled()", job.If);
        }
        foreach (var output in Outputs) job.Outputs[output] = $"${{{{ steps.{MergeStepId}.outputs.{output} }}}}";

        var download = ActionPins.DownloadArtifact.Step("Download digests");
        download.With["pattern"] = DigestArtifactPrefix + VariantPrefix + "*";
        download.With["merge-multiple"] = true;
        download.With["path"] = DigestsDirectory;
        // No platform job ran: no digest to fetch (Merge then restores the tags from the index that holds the inputs).
        if (Decides) download.If = $"needs.{PlatformJobId}.result == 'success'";

        var merge = attribute.BuildStep(MergeTargets);
        merge.Id = MergeStepId;
        merge.Parameters[PlatformsParameter] = string.Join(',', Platforms.Select(platform => platform.Platform));
        merge.Parameters[DigestsParameter] = DigestsDirectory;
        AddVariantParameters(merge);

        job.Steps.AddRange([attribute.CheckoutStep(), .. attribute.StartSteps(), download, DockerSteps.SetupBuildx(), merge]);
        return job;
    }

    string VariantPrefix => Variants.Count > 0 ? "${{ matrix.variant }}-" : "";

    static OrderedDictionary<string, WorkflowValue> AddVariant(OrderedDictionary<string, WorkflowValue> entry, LayoutVariant variant)
    {
        entry["variant"] = variant.Name;
        foreach (var (name, value) in variant.Parameters) entry[name] = value;
        return entry;
    }

    /// <summary>Each variant parameter reaches the build step from the matrix entry of the same name.</summary>
    void AddVariantParameters(BuildStep step)
    {
        foreach (var name in Variants.SelectMany(v => v.Parameters.Keys).Distinct())
            step.Parameters[name] = $"${{{{ matrix.{name} }}}}";
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
