using System.Reflection;

namespace Workflows;

/// <summary>A workflow to start by hand (workflow_dispatch) on a branch: its file name and the inputs to send.</summary>
internal sealed record WorkflowDispatch(string File, IReadOnlyDictionary<string, string> Inputs);

/// <summary>
/// The workflows of a build class that check a pull request: those whose pull_request trigger fires when one is
/// opened or updated. GitHub starts none of them for a pull request that GITHUB_TOKEN opened; a build that opens
/// one with that token starts them by hand instead (workflow_dispatch, which GITHUB_TOKEN may cause).
/// </summary>
internal static class PullRequestChecks
{
    /// <summary>The input that decides whether a run publishes; a check's run sets it off, so it builds and checks only.</summary>
    public const string PushInput = "push";

    /// <summary>Activity types that run checks; GitHub's default set (no types given) includes them.</summary>
    static readonly string[] CheckingTypes = ["opened", "synchronize", "reopened"];

    /// <summary>
    /// The checks that can be started by hand, and the names of those that cannot (no workflow_dispatch trigger),
    /// from the generated workflows of <paramref name="buildType"/> (its hook applied, so inputs added in code count).
    /// </summary>
    public static (IReadOnlyList<WorkflowDispatch> Dispatchable, IReadOnlyList<string> NotDispatchable) Of(Type buildType)
    {
        var dispatchable = new List<WorkflowDispatch>();
        var notDispatchable = new List<string>();
        foreach (var attribute in buildType.GetCustomAttributes<GitHubActionsAttribute>())
        {
            var workflow = attribute.CreateWorkflow();
            attribute.ApplyHook(buildType, workflow);
            if (workflow.On.PullRequest is not { } pullRequest || pullRequest.Types.Count > 0 && !pullRequest.Types.Intersect(CheckingTypes).Any()) continue;
            var file = Path.GetFileName(attribute.RelativePath);
            if (!workflow.On.WorkflowDispatch) { notDispatchable.Add(file); continue; }
            var inputs = workflow.On.DispatchInputs.Where(input => input.Name == PushInput).ToDictionary(input => input.Name, _ => "false");
            dispatchable.Add(new WorkflowDispatch(file, inputs));
        }
        return (dispatchable, notDispatchable);
    }
}
