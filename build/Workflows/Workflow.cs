namespace Workflows;

/// <summary>
/// A GitHub Actions workflow. Built from a <see cref="GitHubActionsAttribute"/>, adjusted in code through
/// <see cref="IConfigureGitHubActions"/>, then written by <see cref="WorkflowYamlWriter"/>.
/// </summary>
internal sealed class Workflow(string name)
{
    public string Name { get; } = name;
    public WorkflowTriggers On { get; } = new();
    /// <summary>Null leaves the block out (GitHub applies the repository default); empty writes <c>{}</c> (no scopes).</summary>
    public Permissions? Permissions { get; set; }
    public Concurrency? Concurrency { get; set; }
    public OrderedDictionary<string, WorkflowValue> Env { get; } = new();
    public List<WorkflowJob> Jobs { get; } = [];

    public WorkflowJob Job(string id) =>
        Jobs.SingleOrDefault(job => job.Id == id)
        ?? throw new InvalidOperationException($"workflow {Name} has no job '{id}' (jobs: {string.Join(", ", Jobs.Select(job => job.Id))})");
}

/// <summary>The <c>on:</c> block, written in the order push, pull_request, workflow_dispatch, schedule.</summary>
internal sealed class WorkflowTriggers
{
    public TriggerFilter? Push { get; set; }
    public TriggerFilter? PullRequest { get; set; }
    public bool WorkflowDispatch { get; set; }
    /// <summary>Inputs of the workflow_dispatch trigger (a run by hand), written under <c>inputs:</c>.</summary>
    public List<DispatchInput> DispatchInputs { get; } = [];
    public List<string> Schedules { get; } = [];

    public bool IsEmpty => Push is null && PullRequest is null && !WorkflowDispatch && Schedules.Count == 0;
}

/// <summary>
/// A workflow_dispatch input: <c>type</c> is boolean, string, choice... as GitHub names them. NUKE's inputs
/// (OnWorkflowDispatch*Inputs) have only a description and <c>required</c>.
/// </summary>
internal sealed record DispatchInput(string Name, string Description, string? Type, WorkflowValue? Default, bool? Required = null);

/// <summary>Filters of a push or pull_request trigger; empty lists are left out (= everything).</summary>
internal sealed class TriggerFilter
{
    /// <summary>Activity types (pull_request: opened, closed, ...); empty = GitHub's default set.</summary>
    public List<string> Types { get; init; } = [];
    public List<string> Branches { get; init; } = [];
    public List<string> BranchesIgnore { get; init; } = [];
    public List<string> Tags { get; init; } = [];
    public List<string> TagsIgnore { get; init; } = [];
    /// <summary>Includes, then excludes written as <c>!pattern</c> (GitHub evaluates them in order).</summary>
    public List<string> Paths { get; init; } = [];
}

/// <summary>
/// <c>concurrency:</c>. <see cref="CancelInProgressIf"/> (an expression, without <c>${{ }}</c>) wins over the
/// flag, so a workflow can cancel superseded pull-request runs and never a run on the default branch.
/// </summary>
internal sealed record Concurrency(string Group, bool CancelInProgress = false, string? CancelInProgressIf = null);
