using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitHub.Context;

/// <summary>The GitHub context of a workflow run: GITHUB_* variables and the event payload file, read once.</summary>
internal static class EnvironmentContext
{
    /// <summary>True when the variables describe a workflow run (GitHub Actions, or an equivalent test harness).</summary>
    public static bool Describes(IReadOnlyDictionary<string, string?> environment) => BuildHost.IsGitHubActions(environment);

    public static GitHubContext Load(IReadOnlyDictionary<string, string?> environment)
    {
        string Get(string name) => environment.GetValueOrDefault(name) ?? "";
        var payload = ReadPayload(Get("GITHUB_EVENT_PATH"));
        var repository = Get("GITHUB_REPOSITORY");
        if (repository.Length == 0 && Text(payload["repository"]?["full_name"]) is { Length: > 0 } fullName) repository = fullName;
        var sha = Get("GITHUB_SHA");
        return new GitHubContext
        {
            EventName = Get("GITHUB_EVENT_NAME"),
            Sha = sha,
            Ref = Get("GITHUB_REF"),
            Repository = repository,
            Actor = Get("GITHUB_ACTOR"),
            ServerUrl = Get("GITHUB_SERVER_URL") is { Length: > 0 } server ? server.TrimEnd('/') : "https://github.com",
            ApiUrl = Get("GITHUB_API_URL") is { Length: > 0 } api ? api : "https://api.github.com",
            RunId = Get("GITHUB_RUN_ID"),
            RunNumber = Get("GITHUB_RUN_NUMBER"),
            RunAttempt = Get("GITHUB_RUN_ATTEMPT"),
            Payload = payload,
            IsGitHubActions = Get("GITHUB_ACTIONS") == "true",
            CommitDate = CommitDateFromPayload(payload, sha),
            DefaultBranch = Text(payload["repository"]?["default_branch"]),
        };
    }

    static JsonObject ReadPayload(string path)
    {
        if (path.Length == 0) return new JsonObject();
        if (!File.Exists(path))
        {
            Log.Warning($"GITHUB_EVENT_PATH {path} does not exist");
            return new JsonObject();
        }
        try
        {
            return Checked(JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject(), path);
        }
        catch (JsonException e)
        {
            Log.Warning($"The event payload {path} is not JSON ({e.Message}); using an empty payload");
            return new JsonObject();
        }
    }

    /// <summary>
    /// The members the build decides with (pushing, the repository) must have GitHub's shapes; a payload that breaks
    /// them is not GitHub's, and guessing could push: one line instead. A null or odd head.repo (a deleted fork)
    /// is GitHub's and is left to <see cref="GitHubContext.IsSameRepositoryPullRequest"/>.
    /// </summary>
    static JsonObject Checked(JsonObject payload, string path)
    {
        foreach (var key in new[] { "pull_request", "repository" })
            if (payload[key] is { } member && member is not JsonObject)
                throw new BuildError($"The event payload {path} is malformed: \"{key}\" is not an object.");
        (string Where, JsonNode? Node)[] names =
        [
            ("repository.full_name", payload["repository"]?["full_name"]),
            ("pull_request.head.repo.full_name", (payload["pull_request"]?["head"] as JsonObject)?["repo"] is JsonObject head ? head["full_name"] : null),
            ("pull_request.base.repo.full_name", (payload["pull_request"]?["base"] as JsonObject)?["repo"] is JsonObject @base ? @base["full_name"] : null),
        ];
        foreach (var (where, node) in names)
            if (node is not null && Text(node) is null)
                throw new BuildError($"The event payload {path} is malformed: {where} is not a string.");
        return payload;
    }

    /// <summary>The date of the pushed commit named <paramref name="sha"/> (commits[] or head_commit), if the payload has it.</summary>
    public static DateTimeOffset? CommitDateFromPayload(JsonObject payload, string sha)
    {
        var commits = (payload["commits"] as JsonArray ?? []).Append(payload["head_commit"]);
        foreach (var commit in commits)
            if (commit is JsonObject c && Text(c["id"]) == sha && DateTimeOffset.TryParse(Text(c["timestamp"]), out var date))
                return date;
        return null;
    }

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
