using GitHub;

namespace Docker;

/// <summary>Whether this run pushes, and the sentence the log (and the summary) gives for it.</summary>
internal sealed record PushDecision(bool Push, string Reason);

/// <summary>
/// The Push default: on GitHub Actions, pushes, manual runs, schedules, releases and same-repository pull
/// requests push; fork pull requests never do (their GITHUB_TOKEN is read-only), and
/// a pull request counts as same-repository only when its payload says so positively. Locally only --push pushes.
/// </summary>
internal static class PushPolicy
{
    static readonly string[] PushingEvents = ["push", "workflow_dispatch", "schedule", "release", "merge_group"];

    public static PushDecision Decide(bool? requested, GitHubContext context)
    {
        if (context.IsForkPullRequest)
            return new(false, (context.PayloadText("pull_request", "head", "repo", "full_name") is { Length: > 0 }
                                  ? "Pull request from a fork"
                                  : "Pull request whose head repository is unknown (a deleted fork?)")
                              + ": its GITHUB_TOKEN is read-only, so the image is built but not pushed"
                              + (requested == true ? " (--push ignored)." : "."));
        if (requested is { } explicitly)
            return new(explicitly, explicitly ? "--push was given." : "--push was turned off.");
        if (!context.IsGitHubActions)
            return new(false, "Local build without --push: the image goes into the local engine only.");
        if (context.IsPullRequest)
            return new(true, "Pull request from this repository: its image is pushed.");
        return PushingEvents.Contains(context.EventName)
            ? new(true, $"GitHub Actions '{context.EventName}' event: the image is pushed.")
            : new(false, $"GitHub Actions '{context.EventName}' event: nothing is pushed (pass --push to change that).");
    }
}
