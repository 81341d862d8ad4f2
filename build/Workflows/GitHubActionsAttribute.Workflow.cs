namespace Workflows;

internal sealed partial class GitHubActionsAttribute
{
    /// <summary>The workflow the properties describe: NUKE's shape, one job per runner label.</summary>
    public Workflow CreateWorkflow()
    {
        var workflow = new Workflow(Name);
        SetTriggers(workflow.On);
        if (ReadPermissions.Length + WritePermissions.Length > 0)
            workflow.Permissions = Permissions.Of(ReadPermissions, WritePermissions);
        if (ConcurrencyGroup is not null || ConcurrencyCancelInProgress || ConcurrencyCancelInProgressIf is not null)
            workflow.Concurrency = new Concurrency(ConcurrencyGroupOrDefault, ConcurrencyCancelInProgress, ConcurrencyCancelInProgressIf);
        if (RunsOn.Length == 0) throw new BuildError($"{Id}: give at least one runner label, e.g. [GitHubActions(\"{Name}\", \"ubuntu-24.04\")]");
        foreach (var label in RunsOn) workflow.Jobs.Add(CreateJob(label));
        return workflow;
    }

    WorkflowJob CreateJob(string label)
    {
        var job = new WorkflowJob(label.Replace('.', '_')) { Name = label, RunsOn = [label] };
        if (JobWritePermissions.Length > 0)
            job.Permissions = Permissions.Of(ReadPermissions, [.. WritePermissions, .. JobWritePermissions]);
        if (TimeoutMinutes > 0) job.TimeoutMinutes = TimeoutMinutes;
        if (JobConcurrencyGroup is not null) job.Concurrency = new Concurrency(JobConcurrencyGroup, JobConcurrencyCancelInProgress);
        else if (JobConcurrencyCancelInProgress) throw new BuildError($"{Id}: JobConcurrencyCancelInProgress needs a JobConcurrencyGroup");
        if (EnvironmentName is not null) job.Environment = new JobEnvironment(EnvironmentName, EnvironmentUrl);
        job.Steps.Add(CheckoutStep());
        job.Steps.AddRange(StartSteps());
        if (RunCommands.Length > 0) job.Steps.AddRange(RunCommands.Select(command => new RunStep(command) { Name = $"Run: {command}" }));
        else job.Steps.Add(BuildStep(InvokedTargets));
        return job;
    }

    const string StartCacheStepId = "build-cache";

    /// <summary>
    /// What makes the first target start fast on a fresh runner: the SDK global.json pins, the cache of the
    /// compiled build, and (only when that cache is not an exact hit) the cache of what compiling needs.
    /// </summary>
    public IEnumerable<ActionStep> StartSteps()
    {
        if (DotNetGlobalJsonFile is not null)
        {
            var setup = ActionPins.SetupDotNet.Step("Set up .NET");
            setup.With["global-json-file"] = DotNetGlobalJsonFile;
            yield return setup;
        }
        if (CacheKeyFiles.Length == 0) yield break;
        var hasCompileCache = CompileCacheIncludePatterns.Length > 0;
        var start = CacheStep(CacheIncludePatterns, CacheExcludePatterns, CacheKeyFiles, hasCompileCache ? "build" : null);
        if (hasCompileCache) start.Id = StartCacheStepId;
        yield return start;
        if (!hasCompileCache) yield break;
        var compile = CacheStep(CompileCacheIncludePatterns, [], CompileCacheKeyFiles.Length > 0 ? CompileCacheKeyFiles : CacheKeyFiles, "compile");
        compile.If = $"steps.{StartCacheStepId}.outputs.cache-hit != 'true'";
        yield return compile;
    }

    /// <summary>NUKE's cache step; with a prefix, the key names what it caches and older entries restore as a fallback.</summary>
    static ActionStep CacheStep(string[] include, string[] exclude, string[] keyFiles, string? prefix)
    {
        var step = ActionPins.Cache.Step($"Cache: {string.Join(", ", include)}");
        step.With["path"] = string.Join('\n', [.. include, .. exclude.Select(pattern => "!" + pattern)]);
        var hash = $"${{{{ hashFiles({string.Join(", ", keyFiles.Select(file => $"'{file}'"))}) }}}}";
        if (prefix is null)
        {
            step.With["key"] = $"${{{{ runner.os }}}}-{hash}";
            return step;
        }
        // The arch too: a compiled build carries the native libraries of the machine that compiled it.
        var stem = $"${{{{ runner.os }}}}-${{{{ runner.arch }}}}-{prefix}-";
        step.With["key"] = stem + hash;
        step.With["restore-keys"] = stem;
        return step;
    }

    public ActionStep CheckoutStep()
    {
        var checkout = ActionPins.Checkout.Step("Checkout");
        if (FetchDepthIfSet is { } depth) checkout.With["fetch-depth"] = (int)depth;
        if (submodules is { } modules) checkout.With["submodules"] = modules == GitHubActionsSubmodules.Recursive ? "recursive" : modules == GitHubActionsSubmodules.True;
        if (lfs is { } withLfs) checkout.With["lfs"] = withLfs;
        if (progress is { } withProgress) checkout.With["progress"] = withProgress;
        if (Filter is not null) checkout.With["filter"] = Filter;
        return checkout;
    }

    /// <summary>A run of targets with this attribute's secrets and token in its env.</summary>
    public BuildStep BuildStep(IReadOnlyList<string> targets)
    {
        if (targets.Count == 0) throw new BuildError($"{Id}: name the targets to run with InvokedTargets = [...]");
        var step = new BuildStep { Name = $"Run: {string.Join(", ", targets)}", Targets = [.. targets], GitHubToken = EnableGitHubToken };
        foreach (var secret in ImportSecrets) step.Secrets[secret] = SecretName(secret);
        // A dispatch input reaches the build as the parameter of its name (the engine binds parameters from env).
        foreach (var input in OnWorkflowDispatchOptionalInputs.Concat(OnWorkflowDispatchRequiredInputs))
            step.Parameters[input] = $"${{{{ github.event.inputs.{input} }}}}";
        return step;
    }

    /// <summary>
    /// NUKE's artifact steps: each Produces glob of the invoked targets and their dependencies, cut to its longest
    /// folder without a wildcard, once each, named by its last segment.
    /// </summary>
    public IEnumerable<ActionStep> ArtifactSteps(BuildDescription build)
    {
        var byName = build.Targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var relevant = new List<TargetDescription>();
        void Visit(string name)
        {
            if (!byName.TryGetValue(name, out var target) || relevant.Contains(target)) return;
            relevant.Add(target);
            foreach (var dependency in target.DependsOn) Visit(dependency);
        }
        foreach (var target in InvokedTargets) Visit(target);
        var paths = relevant.SelectMany(t => t.Produces)
            .Select(glob => ArtifactPath(Path.IsPathRooted(glob) ? Path.GetRelativePath(build.RootDirectory, glob) : glob))
            .Where(p => p.Length > 0 && !p.StartsWith("..", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var path in paths)
        {
            var step = ActionPins.UploadArtifact.Step($"Publish: {path.Split('/')[^1]}");
            step.If = PublishCondition;
            step.With["name"] = path.Split('/')[^1];
            step.With["path"] = path;
            yield return step;
        }
    }

    static string ArtifactPath(string glob)
    {
        var parts = glob.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', parts.TakeWhile(part => part.IndexOfAny(['*', '?', '[']) < 0));
    }

    /// <summary>NUKE's input description: <c>OptionalInput</c> → "Optional Input".</summary>
    static string SplitCamelWords(string name) => string.Join(' ', Names.Kebab(name).Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary><c>RegistryPassword</c> → <c>REGISTRY_PASSWORD</c> (NUKE's rule, with its known words kept whole).</summary>
    public static string SecretName(string parameter) => Names.SnakeUpper(parameter);

    void SetTriggers(WorkflowTriggers on)
    {
        bool Has(GitHubActionsTrigger trigger) => On.Contains(trigger);
        var pushFiltered = OnPushBranches.Length + OnPushBranchesIgnore.Length + OnPushTags.Length + OnPushTagsIgnore.Length
                           + OnPushIncludePaths.Length + OnPushExcludePaths.Length > 0;
        var pullRequestFiltered = OnPullRequestTypes.Length + OnPullRequestBranches.Length + OnPullRequestIncludePaths.Length + OnPullRequestExcludePaths.Length > 0;
        if (Has(GitHubActionsTrigger.Push) && pushFiltered || Has(GitHubActionsTrigger.PullRequest) && pullRequestFiltered)
            throw new BuildError($"{Id}: a trigger is both in On and in On* filters; use one or the other per trigger");
        if (OnPushBranches.Length > 0 && OnPushBranchesIgnore.Length > 0 || OnPushTags.Length > 0 && OnPushTagsIgnore.Length > 0)
            throw new BuildError($"{Id}: OnPushBranches/OnPushTags cannot be combined with their *Ignore variants (GitHub rejects it)");
        if (OnPullRequestTags.Length > 0)
            throw new BuildError($"{Id}: OnPullRequestTags is not taken: GitHub's pull_request trigger has no tags filter (use OnPushTags)");

        if (pushFiltered || Has(GitHubActionsTrigger.Push))
            on.Push = new TriggerFilter
            {
                Branches = [.. OnPushBranches], BranchesIgnore = [.. OnPushBranchesIgnore],
                Tags = [.. OnPushTags], TagsIgnore = [.. OnPushTagsIgnore],
                Paths = [.. OnPushIncludePaths, .. OnPushExcludePaths.Select(path => "!" + path)],
            };
        if (pullRequestFiltered || Has(GitHubActionsTrigger.PullRequest))
            on.PullRequest = new TriggerFilter
            {
                Types = [.. OnPullRequestTypes],
                Branches = [.. OnPullRequestBranches],
                Paths = [.. OnPullRequestIncludePaths, .. OnPullRequestExcludePaths.Select(path => "!" + path)],
            };
        on.WorkflowDispatch = Has(GitHubActionsTrigger.WorkflowDispatch)
            || OnWorkflowDispatchOptionalInputs.Length + OnWorkflowDispatchRequiredInputs.Length > 0;
        foreach (var (input, required) in OnWorkflowDispatchOptionalInputs.Select(i => (i, false)).Concat(OnWorkflowDispatchRequiredInputs.Select(i => (i, true))))
            on.DispatchInputs.Add(new DispatchInput(input, SplitCamelWords(input), null, null, required));
        if (OnCronSchedule is not null) on.Schedules.Add(OnCronSchedule);
        if (on.IsEmpty) throw new BuildError($"{Id}: define triggers with On = [...] or the On* filters");
    }
}
