using System.Text;
using System.Text.Json.Nodes;

namespace Docker;

/// <summary>
/// The login docker stored for a registry in $DOCKER_CONFIG/config.json (or ~/.docker/config.json), for the
/// registry API calls docker itself does not offer. Credential helpers are not consulted: then this returns null.
/// </summary>
public static class DockerCredentials
{
    public static (string Username, string Password)? Find(string registry, IReadOnlyDictionary<string, string?> environment)
    {
        var directory = environment.TryGetValue("DOCKER_CONFIG", out var configured) && !string.IsNullOrEmpty(configured)
            ? configured
            : Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } fromProcess ? fromProcess
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var file = Path.Combine(directory, "config.json");
        if (!File.Exists(file)) return null;
        var auths = JsonNode.Parse(File.ReadAllText(file))?["auths"] as JsonObject;
        var entry = auths?.FirstOrDefault(pair => Host(pair.Key) == Host(registry)).Value;
        if (entry?["auth"]?.GetValue<string>() is not { Length: > 0 } auth) return null;
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        var split = decoded.IndexOf(':');
        return split < 0 ? null : (decoded[..split], decoded[(split + 1)..]);
    }

    static string Host(string key) => key.Replace("https://", "").Replace("http://", "").TrimEnd('/').Split('/')[0];
}
