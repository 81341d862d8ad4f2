namespace Workflows;

/// <summary>A job. Runner labels are strings, so new ones (ubuntu-24.04-arm, self-hosted sets) need no code.</summary>
internal sealed class WorkflowJob(string id)
{
    public string Id { get; set; } = id;
    public string? Name { get; set; }
    public List<string> Needs { get; } = [];
    public string? If { get; set; }
    /// <summary>One label, or several for self-hosted runner sets (written as a list).</summary>
    public List<string> RunsOn { get; init; } = [];
    /// <summary>Null inherits the workflow's; a job's block replaces the workflow's, it does not add to it.</summary>
    public Permissions? Permissions { get; set; }
    public JobEnvironment? Environment { get; set; }
    public Concurrency? Concurrency { get; set; }
    public OrderedDictionary<string, string> Outputs { get; } = new();
    public OrderedDictionary<string, WorkflowValue> Env { get; } = new();
    public int? TimeoutMinutes { get; set; }
    public JobStrategy? Strategy { get; set; }
    public List<WorkflowStep> Steps { get; } = [];

    /// <summary>Inserts steps before the first step of the given kind (e.g. before the build run).</summary>
    public void InsertBefore<TStep>(params WorkflowStep[] steps) where TStep : WorkflowStep
    {
        var index = Steps.FindIndex(step => step is TStep);
        Steps.InsertRange(index < 0 ? Steps.Count : index, steps);
    }

    /// <summary>Inserts steps after the last step of the given kind (e.g. after checkout).</summary>
    public void InsertAfter<TStep>(params WorkflowStep[] steps) where TStep : WorkflowStep
    {
        var index = Steps.FindLastIndex(step => step is TStep);
        Steps.InsertRange(index + 1, steps);
    }
}

internal sealed record JobEnvironment(string Name, string? Url = null);

/// <summary><c>strategy:</c> with a matrix given as <c>include:</c> entries (each a small map of values).</summary>
internal sealed class JobStrategy
{
    public bool? FailFast { get; set; }
    public int? MaxParallel { get; set; }
    public List<OrderedDictionary<string, WorkflowValue>> MatrixInclude { get; } = [];
}
