namespace GitHub.Workflows;

public sealed partial class GitHubActionsAttribute
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
        if (EnvironmentName is not null) job.Environment = new JobEnvironment(EnvironmentName, EnvironmentUrl);
        job.Steps.Add(CheckoutStep());
        job.Steps.Add(BuildStep(InvokedTargets));
        return job;
    }

    public ActionStep CheckoutStep()
    {
        var checkout = ActionPins.Checkout.Step("Checkout");
        if (FetchDepthIfSet is { } depth) checkout.With["fetch-depth"] = (int)depth;
        return checkout;
    }

    /// <summary>A run of targets with this attribute's secrets and token in its env.</summary>
    public BuildStep BuildStep(IReadOnlyList<string> targets)
    {
        if (targets.Count == 0) throw new BuildError($"{Id}: name the targets to run with InvokedTargets = [...]");
        var step = new BuildStep { Name = $"Run: {string.Join(", ", targets)}", Targets = [.. targets], GitHubToken = EnableGitHubToken };
        foreach (var secret in ImportSecrets) step.Secrets[secret] = SecretName(secret);
        return step;
    }

    /// <summary><c>RegistryPassword</c> → <c>REGISTRY_PASSWORD</c> (NUKE's rule, with its known words kept whole).</summary>
    public static string SecretName(string parameter)
    {
        // Split before an upper-case letter that follows a lower-case one, then re-join pieces of a known word.
        var pieces = System.Text.RegularExpressions.Regex.Split(parameter, "(?<=[a-z])(?=[A-Z])");
        var words = new List<string>();
        for (var i = 0; i < pieces.Length; i++)
        {
            var joined = KnownWords
                .Select(known => (known, count: Enumerable.Range(2, Math.Max(0, pieces.Length - i - 1))
                    .FirstOrDefault(n => string.Concat(pieces.Skip(i).Take(n)) == known)))
                .FirstOrDefault(match => match.count > 0);
            words.Add(joined.known ?? pieces[i]);
            if (joined.known is not null) i += joined.count - 1;
        }
        return string.Join('_', words).ToUpperInvariant();
    }

    static readonly string[] KnownWords =
        ["DotNet", "GitHub", "GitVersion", "MSBuild", "NuGet", "ReSharper", "AppVeyor", "TeamCity", "GitLab", "SignPath", "JetBrains"];

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
        on.WorkflowDispatch = Has(GitHubActionsTrigger.WorkflowDispatch);
        if (OnCronSchedule is not null) on.Schedules.Add(OnCronSchedule);
        if (on.IsEmpty) throw new BuildError($"{Id}: define triggers with On = [...] or the On* filters");
    }
}
