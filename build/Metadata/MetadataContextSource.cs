using System.Globalization;
using GitHub;
using GitHub.Api;

namespace Metadata;

/// <summary>
/// The edge that turns a <see cref="GitHubContext"/> and the environment into a <see cref="MetadataContext"/>:
/// repository data from the API (or what git knows), the clocks, the DOCKER_METADATA_* switches.
/// </summary>
internal static class MetadataContextSource
{
    public static async Task<MetadataContext> LoadAsync(GitHubContext github, IReadOnlyDictionary<string, string?> environment, Secret? token, bool needsCommitDate)
    {
        var api = new GitHubApi(github.ApiUrl, token);
        var hasRepository = github.Owner.Length > 0 && github.RepositoryName.Length > 0;
        var repository = (hasRepository ? await api.GetRepositoryAsync(github.Owner, github.RepositoryName) : null) ?? Fallback(github);

        var pinned = SourceDateEpoch(environment);
        var now = pinned ?? DateTimeOffset.UtcNow;
        // SOURCE_DATE_EPOCH pins both clocks: by convention it is the commit's time, and builds stay reproducible.
        var commitDate = pinned ?? github.CommitDate;
        if (commitDate is null && needsCommitDate && hasRepository && github.Sha.Length > 0)
            commitDate = await api.GetCommitDateAsync(github.Owner, github.RepositoryName, github.Sha);

        if (!github.IsGitHubActions && repository.DefaultBranch.Length > 0 && github.Payload["repository"] is null)
            github = github with { Payload = new() { ["repository"] = new System.Text.Json.Nodes.JsonObject { ["default_branch"] = repository.DefaultBranch } } };
        return MetadataContext.FromGitHub(github, repository, environment, now, commitDate ?? now);
    }

    /// <summary>
    /// Without the API, what git and the event payload know: on Actions the payload's repository carries the
    /// description and license (the action would fail here; we label the image from the payload instead).
    /// </summary>
    static RepositoryData Fallback(GitHubContext github)
    {
        var repository = github.Payload["repository"] as System.Text.Json.Nodes.JsonObject;
        string Text(System.Text.Json.Nodes.JsonNode? node) => node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
        return new(
            github.RepositoryName,
            Text(repository?["description"]),
            github.Repository.Length > 0 ? $"{github.ServerUrl}/{github.Repository}" : "",
            Text(repository?["license"]?["spdx_id"]),
            github.DefaultBranch ?? "");
    }

    /// <summary>SOURCE_DATE_EPOCH as a time; null when unset; one line when it is no whole number of seconds.</summary>
    public static DateTimeOffset? SourceDateEpoch(IReadOnlyDictionary<string, string?> environment)
    {
        var text = environment.GetValueOrDefault("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            throw new BuildError($"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01, not '{text}'");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
