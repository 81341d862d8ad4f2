using Octokit;

namespace GitHub.Api;

internal sealed partial class GitHubApi
{
    /// <summary>
    /// Starts <paramref name="workflowFile"/> on <paramref name="reference"/> (workflow_dispatch) with <paramref name="inputs"/>.
    /// Allowed for GITHUB_TOKEN with 'actions: write', and one of the two events that token may cause at all.
    /// </summary>
    public async Task DispatchWorkflowAsync(string owner, string name, string workflowFile, string reference, IReadOnlyDictionary<string, string> inputs)
    {
        try
        {
            var dispatch = new CreateWorkflowDispatch(reference) { Inputs = inputs.ToDictionary(input => input.Key, input => (object)input.Value) };
            await Client.Actions.Workflows.CreateDispatch(owner, name, workflowFile, dispatch);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw new BuildError($"Could not start {workflowFile} on {reference} of {owner}/{name} at {apiUrl} ({Reason(e)}); " +
                                 "the job needs 'actions: write', and the workflow must be on the default branch with a workflow_dispatch trigger.");
        }
    }
}
