using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitHub.Context;

/// <summary>The GitHub context of a workflow run: GITHUB_* variables and the event payload file, read once.</summary>
public static class EnvironmentContext
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
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject();
        }
        catch (JsonException e)
        {
            Log.Warning($"The event payload {path} is not JSON ({e.Message}); using an empty payload");
            return new JsonObject();
        }
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
