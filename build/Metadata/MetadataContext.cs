using System.Text.Json.Nodes;
using GitHub;
using GitHub.Api;
using Metadata.Input;

namespace Metadata;

/// <summary>
/// Everything the tag/label computation reads, as plain values: the (possibly rewritten) ref and sha,
/// the event payload, the repository data, both clocks and the DOCKER_METADATA_* switches.
/// </summary>
internal sealed record MetadataContext
{
    public string EventName { get; init; } = "";
    public string Ref { get; init; } = "";
    public string Sha { get; init; } = "";
    public JsonObject Payload { get; init; } = new();
    public RepositoryData Repository { get; init; } = RepositoryData.Empty;
    /// <summary>"Now": the created label and {{date}}.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>The commit's date: {{commit_date}}.</summary>
    public DateTimeOffset CommitDate { get; init; }
    /// <summary>DOCKER_METADATA_SHORT_SHA_LENGTH (null or "" means 7).</summary>
    public string? ShortShaLength { get; init; }
    /// <summary>DOCKER_METADATA_ANNOTATIONS_LEVELS split at ',' (default: manifest).</summary>
    public IReadOnlyList<string> AnnotationLevels { get; init; } = ["manifest"];
    /// <summary>DOCKER_METADATA_SET_OUTPUT_ENV: whether the outputs are exported as DOCKER_METADATA_OUTPUT_* too (default: yes).</summary>
    public bool ExportsOutputVariables { get; init; } = true;

    /// <summary>
    /// The action's workflow context: for pull_request_target the ref becomes the PR's merge ref, and with
    /// DOCKER_METADATA_PR_HEAD_SHA=true a pull request's sha becomes its head sha.
    /// </summary>
    public static MetadataContext FromGitHub(GitHubContext github, RepositoryData repository, IReadOnlyDictionary<string, string?> environment,
        DateTimeOffset now, DateTimeOffset commitDate)
    {
        var reference = github.Ref;
        if (github.EventName.Contains("pull_request_target"))
            reference = $"refs/pull/{Text(github.Payload["number"]) ?? "undefined"}/merge";
        var sha = github.Sha;
        if (environment.GetValueOrDefault("DOCKER_METADATA_PR_HEAD_SHA") is { } headSwitch && headSwitch.Contains("true", StringComparison.OrdinalIgnoreCase)
            && github.EventName.Contains("pull_request") && github.PayloadText("pull_request", "head", "sha") is { Length: > 0 } headSha)
            sha = headSha;
        var levels = environment.GetValueOrDefault("DOCKER_METADATA_ANNOTATIONS_LEVELS");
        return new MetadataContext
        {
            EventName = github.EventName, Ref = reference, Sha = sha, Payload = github.Payload, Repository = repository,
            Now = now, CommitDate = commitDate,
            ShortShaLength = environment.GetValueOrDefault("DOCKER_METADATA_SHORT_SHA_LENGTH"),
            AnnotationLevels = string.IsNullOrEmpty(levels) ? ["manifest"] : levels.Split(','),
            ExportsOutputVariables = environment.GetValueOrDefault("DOCKER_METADATA_SET_OUTPUT_ENV") is not { Length: > 0 } export || ParseBool(export),
        };
    }

    /// <summary>The action's strict boolean (Go's strconv.ParseBool): anything else ends the run before any output.</summary>
    public static bool ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new BuildError($"parseBool syntax error: {value}"),
    };

    /// <summary>The sha cut to DOCKER_METADATA_SHORT_SHA_LENGTH (7 unless set).</summary>
    public string ShortSha
    {
        get
        {
            var length = 7.0;
            if (!string.IsNullOrEmpty(ShortShaLength))
            {
                length = JavaScriptNumber.Parse(ShortShaLength);
                if (double.IsNaN(length)) throw new BuildError($"DOCKER_METADATA_SHORT_SHA_LENGTH must be a number, not '{ShortShaLength}'");
            }
            if (length >= Sha.Length) return Sha;
            return Sha[..(int)Math.Max(0, Math.Truncate(length))];
        }
    }

    public string? PayloadText(params string[] path)
    {
        JsonNode? node = Payload;
        foreach (var key in path) node = node is JsonObject o ? o[key] : null;
        return Text(node);
    }

    static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;
}
