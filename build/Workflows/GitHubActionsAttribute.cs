namespace Workflows;

internal enum GitHubActionsTrigger { Push, PullRequest, WorkflowDispatch }

/// <summary>actions/checkout's <c>submodules</c> input: false, true or recursive.</summary>
internal enum GitHubActionsSubmodules { False, True, Recursive }

/// <summary>
/// Generates <c>.github/workflows/&lt;name&gt;.yml</c> from the build class, with NUKE's property names.
/// Unlike NUKE: runner labels are strings, actions are pinned by SHA, jobs can get their own permissions,
/// and <see cref="IConfigureGitHubActions"/> on the build class reshapes the workflow in code.
/// </summary>
internal sealed partial class GitHubActionsAttribute(string name, params string[] runsOn) : ConfigurationAttributeBase
{
    public string Name { get; } = name.Replace(' ', '_');
    public string[] RunsOn { get; } = runsOn;

    public override string Id => $"GitHubActions_{Name}";
    public string RelativePath => $".github/workflows/{Name}.yml";

    /// <summary>Triggers without filters. May be combined with On* filters of other triggers (NUKE forbids any mix; we only forbid the same trigger twice).</summary>
    public GitHubActionsTrigger[] On { get; set; } = [];
    public string[] OnPushBranches { get; set; } = [];
    public string[] OnPushBranchesIgnore { get; set; } = [];
    public string[] OnPushTags { get; set; } = [];
    public string[] OnPushTagsIgnore { get; set; } = [];
    public string[] OnPushIncludePaths { get; set; } = [];
    public string[] OnPushExcludePaths { get; set; } = [];
    public string[] OnPullRequestBranches { get; set; } = [];
    /// <summary>pull_request activity types, e.g. ["closed"] (not in NUKE).</summary>
    public string[] OnPullRequestTypes { get; set; } = [];
    /// <summary>NUKE writes it, but GitHub's pull_request trigger has no tags filter: a value is refused.</summary>
    public string[] OnPullRequestTags { get; set; } = [];
    public string[] OnPullRequestIncludePaths { get; set; } = [];
    public string[] OnPullRequestExcludePaths { get; set; } = [];
    /// <summary>workflow_dispatch inputs (the trigger is added), each passed to the build as the parameter of that name.</summary>
    public string[] OnWorkflowDispatchOptionalInputs { get; set; } = [];
    public string[] OnWorkflowDispatchRequiredInputs { get; set; } = [];
    /// <summary>
    /// A cron schedule. NUKE refuses it beside <see cref="On"/> (its short <c>on: [push]</c> form has no room for it);
    /// the <c>on:</c> block here is always a map, so a schedule and a run by hand go together.
    /// </summary>
    public string? OnCronSchedule { get; set; }

    /// <summary>The targets each job runs: <c>./build.cmd &lt;targets&gt;</c>.</summary>
    public string[] InvokedTargets { get; set; } = [];
    /// <summary>Commands the job runs, one step each, instead of <see cref="InvokedTargets"/> (not in NUKE: e.g. the tests).</summary>
    public string[] RunCommands { get; set; } = [];
    /// <summary>Parameters whose values come from repository secrets of the SNAKE_UPPER name.</summary>
    public string[] ImportSecrets { get; set; } = [];
    public bool EnableGitHubToken { get; set; }

    /// <summary>Workflow-level scopes (the default for every job).</summary>
    public GitHubActionsPermissions[] ReadPermissions { get; set; } = [];
    public GitHubActionsPermissions[] WritePermissions { get; set; } = [];
    /// <summary>Write scopes for the generated jobs only, on top of the workflow's (least privilege; not in NUKE).</summary>
    public GitHubActionsPermissions[] JobWritePermissions { get; set; } = [];

    public string? ConcurrencyGroup { get; set; }
    public bool ConcurrencyCancelInProgress { get; set; }
    /// <summary>An expression (without <c>${{ }}</c>) for cancel-in-progress; wins over the flag (not in NUKE).</summary>
    public string? ConcurrencyCancelInProgressIf { get; set; }

    /// <summary>Each generated job's own <c>concurrency:</c> (the group is required for it).</summary>
    public string? JobConcurrencyGroup { get; set; }
    public bool JobConcurrencyCancelInProgress { get; set; }

    /// <summary>
    /// Upload-artifact steps after the run step for what the invoked targets and their dependencies produce
    /// (<c>Produces</c>), with <see cref="PublishCondition"/> as their <c>if:</c>.
    /// </summary>
    public bool PublishArtifacts { get; set; } = true;
    public string? PublishCondition { get; set; }

    public int TimeoutMinutes { get; set; }
    public string? EnvironmentName { get; set; }
    public string? EnvironmentUrl { get; set; }

    uint? fetchDepth;
    /// <summary>checkout's fetch-depth; 0 = full history. Left out of the workflow when never set.</summary>
    public uint FetchDepth { get => fetchDepth ?? 1; set => fetchDepth = value; }
    public uint? FetchDepthIfSet => fetchDepth;

    // checkout's submodules, lfs, progress and filter inputs: write-only, as in NUKE; left out when never set.
    GitHubActionsSubmodules? submodules;
    bool? lfs, progress;
    public GitHubActionsSubmodules Submodules { set => submodules = value; }
    public bool Lfs { set => lfs = value; }
    public bool Progress { set => progress = value; }
    public string? Filter { get; set; }

    /// <summary>The cache of what the build needs to start (paths; <c>~</c> is the runner's home): by default the compiled build (<see cref="CompiledBuildCache"/>).</summary>
    public string[] CacheIncludePatterns { get; set; } = [.. CompiledBuildCache.Paths];

    public string[] CacheExcludePatterns { get; set; } = [];
    /// <summary>The files whose hash keys the cache (<c>hashFiles</c> arguments); empty: no cache steps.</summary>
    public string[] CacheKeyFiles { get; set; } = [.. CompiledBuildCache.KeyFiles];
    /// <summary>
    /// A second cache, restored only when the first one is not an exact hit (not in NUKE): the NuGet packages a
    /// compile needs, which a job that restored the compiled build never reads. Empty: one cache step, keyed as NUKE's.
    /// Unset, it is the recipe's while the first cache is the recipe's, and empty beside a cache of the workflow's own.
    /// </summary>
    public string[] CompileCacheIncludePatterns
    {
        get => compileCacheIncludePatterns ?? (CachesCompiledBuild ? [.. CompiledBuildCache.CompilePaths] : []);
        set => compileCacheIncludePatterns = value;
    }
    public string[] CompileCacheKeyFiles
    {
        get => compileCacheKeyFiles ?? (CachesCompiledBuild ? [.. CompiledBuildCache.CompileKeyFiles] : []);
        set => compileCacheKeyFiles = value;
    }
    string[]? compileCacheIncludePatterns, compileCacheKeyFiles;
    bool CachesCompiledBuild => CacheIncludePatterns.SequenceEqual(CompiledBuildCache.Paths);
    /// <summary>actions/setup-dotnet with the SDK this file pins (not in NUKE): the runner's own SDK may not fit it.</summary>
    public string? DotNetGlobalJsonFile { get; set; }

    public string ConcurrencyGroupOrDefault =>
        ConcurrencyGroup ?? "${{ github.workflow }} @ ${{ github.event.pull_request.head.label || github.head_ref || github.run_id }}";

    public override IEnumerable<GeneratedFile> Generate(BuildDescription build)
    {
        var workflow = CreateWorkflow();
        if (PublishArtifacts)
            foreach (var job in workflow.Jobs) job.Steps.AddRange(ArtifactSteps(build));
        ApplyHook(build.BuildType, workflow);
        WorkflowConsistency.Check(Id, workflow, build);
        yield return new GeneratedFile(RelativePath, WorkflowYamlWriter.Write(workflow, Header));
    }

    /// <summary>Calls the build type's static <see cref="IConfigureGitHubActions"/> hook, if it has one.</summary>
    public void ApplyHook(Type buildType, Workflow workflow)
    {
        if (!typeof(IConfigureGitHubActions).IsAssignableFrom(buildType)) return;
        typeof(GitHubActionsAttribute).GetMethod(nameof(Hook), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(buildType)
            .Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [this, workflow], null);
    }

    static void Hook<T>(GitHubActionsAttribute attribute, Workflow workflow) where T : IConfigureGitHubActions =>
        T.ConfigureGitHubActions(attribute, workflow);

    public IReadOnlyList<string> Header =>
    [
        new string('-', 78),
        $"Generated from [GitHubActions(\"{Name}\")] on the Build class (build/): do not edit.",
        $"Regenerate with: ./build.sh --generate-configuration {Id}",
        "Local runs of ./build.sh regenerate it too (AutoGenerate = false turns that off).",
        new string('-', 78),
    ];
}
