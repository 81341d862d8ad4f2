using System.Globalization;
using GitHub;
using GitHub.Api;

namespace Metadata;

/// <summary>
/// The edge that turns a <see cref="GitHubContext"/> and the environment into a <see cref="MetadataContext"/>:
/// repository data from the API (or what git knows), the clocks, the DOCKER_METADATA_* switches.
/// </summary>
public static class MetadataContextSource
{
    public static async Task<MetadataContext> LoadAsync(GitHubContext github, IReadOnlyDictionary<string, string?> environment, bool needsCommitDate)
    {
        var api = new GitHubApi(github.ApiUrl, environment.GetValueOrDefault("GITHUB_TOKEN"));
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

    static RepositoryData Fallback(GitHubContext github) => new(
        github.RepositoryName, "", github.Repository.Length > 0 ? $"{github.ServerUrl}/{github.Repository}" : "", "", github.DefaultBranch ?? "");

    static DateTimeOffset? SourceDateEpoch(IReadOnlyDictionary<string, string?> environment)
    {
        var text = environment.GetValueOrDefault("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            throw new BuildError($"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01, not '{text}'");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
