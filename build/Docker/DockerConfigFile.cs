using System.Text.Json;
using System.Text.Json.Nodes;

namespace Docker;

/// <summary>
/// A docker client configuration directory (DOCKER_CONFIG, else ~/.docker) and its config.json, read with one-line
/// errors: a malformed file is the user's to fix, not a stack trace.
/// </summary>
internal static class DockerConfigFile
{
    /// <summary>The directory docker uses for <paramref name="environment"/> (a command's own, then the process's).</summary>
    public static string Directory(IReadOnlyDictionary<string, string?> environment) =>
        environment.TryGetValue("DOCKER_CONFIG", out var configured) && !string.IsNullOrEmpty(configured) ? configured
        : Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } fromProcess ? fromProcess
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary>config.json of <paramref name="directory"/> ({} when there is none).</summary>
    public static JsonObject Read(string directory)
    {
        var file = Path.Combine(directory, "config.json");
        try
        {
            if (!File.Exists(file)) return new JsonObject();
            var text = File.ReadAllText(file);
            if (string.IsNullOrWhiteSpace(text)) return new JsonObject();
            return JsonNode.Parse(text) as JsonObject ?? throw new BuildError($"The docker config {file} is not a JSON object: fix or remove it.");
        }
        catch (JsonException e)
        {
            throw new BuildError($"The docker config {file} is not valid JSON ({e.Message.Split('\n')[0]}): fix or remove it.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildError($"Cannot read the docker config {file}: {e.Message}");
        }
    }

    /// <summary>The host of an auths/credHelpers key ("https://ghcr.io/v1/" → "ghcr.io"), as docker compares them.</summary>
    public static string Host(string key) =>
        key.Replace("https://", "", StringComparison.OrdinalIgnoreCase).Replace("http://", "", StringComparison.OrdinalIgnoreCase).TrimEnd('/').Split('/')[0].ToLowerInvariant();

    /// <summary>A string member of a JSON object, null when missing or not a string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
