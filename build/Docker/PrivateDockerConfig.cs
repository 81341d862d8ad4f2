using System.Text.Json;
using System.Text.Json.Nodes;
using Tooling;

namespace Docker;

/// <summary>
/// The docker config a run logs in to: a copy of the user's config.json in the run's temporary folder, deleted
/// when the run ends. The login never lands in the user's config, so a login the user had (in config.json or a
/// credential helper) survives, and two runs sharing one DOCKER_CONFIG cannot log each other out.
/// Everything else stays the user's: other registries' logins, proxies, the current context, CLI plugins
/// (cliPluginsExtraDirs) and buildx builders (BUILDX_CONFIG points at the user's buildx state).
/// </summary>
internal static class PrivateDockerConfig
{
    /// <summary>Writes the copy into <paramref name="directory"/>; returns the variables docker commands need to use it.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> CreateAsync(string userDirectory, string directory, string registry,
        IReadOnlyDictionary<string, string?> environment)
    {
        var config = DockerConfigFile.Read(userDirectory);
        var host = DockerConfigFile.Host(registry);
        if (config["auths"] is JsonObject auths)
            foreach (var key in auths.Select(p => p.Key).Where(k => DockerConfigFile.Host(k) == host).ToList()) auths.Remove(key);
        var helpers = config["credHelpers"] as JsonObject ?? new JsonObject();
        foreach (var key in helpers.Select(p => p.Key).Where(k => DockerConfigFile.Host(k) == host).ToList()) helpers.Remove(key);
        // A credsStore would take this run's login into the user's keychain: drop it, and keep the user's other
        // registries reachable by naming their helper per registry (docker asks credHelpers first).
        if (DockerConfigFile.Text(config["credsStore"]) is { Length: > 0 } store)
        {
            config.Remove("credsStore");
            foreach (var server in await ListAsync(store, environment))
                if (DockerConfigFile.Host(server) != host && !helpers.ContainsKey(server)) helpers[server] = store;
        }
        if (helpers.Count > 0) config["credHelpers"] = helpers;
        var plugins = Path.Combine(userDirectory, "cli-plugins");
        if (Directory.Exists(plugins))
        {
            var extra = config["cliPluginsExtraDirs"] as JsonArray ?? new JsonArray();
            if (!extra.Any(e => DockerConfigFile.Text(e) == plugins)) extra.Insert(0, plugins);
            config["cliPluginsExtraDirs"] = extra;
        }
        try
        {
            var created = Directory.CreateDirectory(directory);
            if (!OperatingSystem.IsWindows()) created.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            // docker keeps contexts (the current one is named in config.json) beside config.json.
            var contexts = Path.Combine(userDirectory, "contexts");
            if (Directory.Exists(contexts)) Directory.CreateSymbolicLink(Path.Combine(directory, "contexts"), contexts);
            var file = Path.Combine(directory, "config.json");
            await File.WriteAllTextAsync(file, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildError($"Cannot write this run's docker config in {directory}: {e.Message}");
        }
        return new Dictionary<string, string?>
        {
            ["DOCKER_CONFIG"] = directory,
            // buildx keeps builders and the current one under $DOCKER_CONFIG/buildx unless BUILDX_CONFIG says otherwise.
            ["BUILDX_CONFIG"] = environment.GetValueOrDefault("BUILDX_CONFIG") is { Length: > 0 } buildx ? buildx
                : Environment.GetEnvironmentVariable("BUILDX_CONFIG") is { Length: > 0 } inherited ? inherited
                : Path.Combine(userDirectory, "buildx"),
        };
    }

    /// <summary>
    /// The same copy with the build's login for <paramref name="registry"/> written into it, for tools that read logins
    /// only from a docker config (cosign): the password stays out of argv, in a file only this user can read.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string?>> CreateWithLoginAsync(string userDirectory, string directory, string registry,
        string username, Secret password, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = await CreateAsync(userDirectory, directory, registry, environment);
        var file = Path.Combine(directory, "config.json");
        var config = DockerConfigFile.Read(directory);
        var auths = config["auths"] as JsonObject ?? new JsonObject();
        // docker's config form of a login, base64 of user:password: the one place this file reveals the password.
        auths[registry] = new JsonObject { ["auth"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password.Reveal()}")) };
        config["auths"] = auths;
        await File.WriteAllTextAsync(file, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return variables;
    }

    /// <summary>The servers a credential store holds logins for (`docker-credential-&lt;store&gt; list`); none when it cannot say.</summary>
    static async Task<IReadOnlyList<string>> ListAsync(string store, IReadOnlyDictionary<string, string?> environment)
    {
        var failure = $"The docker credential store '{store}' could not list its logins; registries other than the one pushed to may need a login in this run.";
        try
        {
            var result = await ToolRunner.RunAsync(new ToolCommand("docker-credential-" + store, ["list"]) { Environment = environment }, echoOutput: false);
            if (result.Succeeded && JsonNode.Parse(result.StandardOutput) is JsonObject servers) return servers.Select(p => p.Key).ToList();
        }
        catch (Exception e) when (e is BuildError or JsonException) { }
        Log.Warning(failure);
        return [];
    }
}
