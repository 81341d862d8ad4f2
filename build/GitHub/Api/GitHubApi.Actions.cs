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

    /// <summary>
    /// The page of the run a dispatch of <paramref name="workflowFile"/> started on <paramref name="headSha"/>: the
    /// dispatch API answers with no run id, and GitHub lists the run a moment later, so it asks up to
    /// <paramref name="attempts"/> times. Null when it is not listed by then or the runs cannot be read (a warning).
    /// </summary>
    public async Task<string?> FindDispatchedRunAsync(string owner, string name, string workflowFile, string branch, string headSha, int attempts = 6, TimeSpan? pause = null)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var runs = await Client.Actions.Workflows.Runs.ListByWorkflow(owner, name, workflowFile,
                    new WorkflowRunsRequest { Branch = branch, Event = "workflow_dispatch", HeadSha = headSha }, new ApiOptions { PageSize = 10, PageCount = 1 });
                if (runs.WorkflowRuns.Where(run => run.HeadSha == headSha).OrderByDescending(run => run.CreatedAt).FirstOrDefault() is { } run) return run.HtmlUrl;
                if (attempt >= attempts) return null;
                await Task.Delay(pause ?? TimeSpan.FromSeconds(2));
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            Log.Warning($"Could not list the runs of {workflowFile} on {branch} at {apiUrl} ({Reason(e)}); the pull request links the workflow's runs instead");
            return null;
        }
    }
}
