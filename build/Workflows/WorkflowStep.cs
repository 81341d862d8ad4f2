namespace Workflows;

/// <summary>A step: an action (<see cref="ActionStep"/>) or a run of build targets (<see cref="BuildStep"/>).</summary>
internal abstract class WorkflowStep
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? If { get; set; }
    public OrderedDictionary<string, WorkflowValue> Env { get; } = new();
}

/// <summary><c>uses: owner/repo@sha # vX.Y.Z</c> with its <c>with:</c> inputs.</summary>
internal sealed class ActionStep(ActionPin action) : WorkflowStep
{
    public ActionPin Action { get; } = action;
    public OrderedDictionary<string, WorkflowValue> With { get; } = new();
}

/// <summary><c>run: &lt;command&gt;</c>: a repository script, for a job that runs no build targets (not in NUKE).</summary>
internal sealed class RunStep(string command) : WorkflowStep
{
    public string Command { get; } = command;
}

/// <summary>
/// <c>run: ./build.cmd Target1 Target2</c>. Parameters and secrets go into <c>env:</c> (the engine binds
/// parameters from the environment), never into the script, so no expression is expanded inside a shell.
/// </summary>
internal sealed class BuildStep : WorkflowStep
{
    public string Script { get; init; } = "./build.cmd";
    public List<string> Targets { get; init; } = [];
    /// <summary>Parameter name → value (often an expression such as <c>${{ matrix.platform }}</c>).</summary>
    public OrderedDictionary<string, WorkflowValue> Parameters { get; } = new();
    /// <summary>Parameter name → name of the repository secret.</summary>
    public OrderedDictionary<string, string> Secrets { get; } = new();
    public bool GitHubToken { get; set; }

    public string Command => string.Join(' ', [Script, .. Targets]);

    /// <summary>What the step's <c>env:</c> holds: parameters, secrets, then the token, then any extra env.</summary>
    public IEnumerable<KeyValuePair<string, WorkflowValue>> AllEnv()
    {
        foreach (var parameter in Parameters) yield return parameter;
        foreach (var (parameter, secret) in Secrets) yield return new(parameter, $"${{{{ secrets.{secret} }}}}");
        if (GitHubToken) yield return new("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}");
        foreach (var variable in Env) yield return variable;
    }
}
