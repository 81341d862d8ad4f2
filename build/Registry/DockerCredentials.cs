using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker;
using Tooling;

namespace Registry;

/// <summary>
/// The login docker holds for a registry, for the registry API calls docker itself does not offer: from the
/// credential helper config.json names (credHelpers for that host, else credsStore, as docker decides), or
/// from its auths entry. The password comes back as a <see cref="Secret"/> (masked from the moment it is read).
/// </summary>
internal static class DockerCredentials
{
    public static async Task<(string Username, Secret Password)?> FindAsync(string registry, IReadOnlyDictionary<string, string?> environment)
    {
        var directory = DockerConfigFile.Directory(environment);
        var config = DockerConfigFile.Read(directory);
        var host = DockerConfigFile.Host(registry);
        var helper = (config["credHelpers"] as JsonObject)?.FirstOrDefault(p => DockerConfigFile.Host(p.Key) == host).Value is { } named
            ? DockerConfigFile.Text(named)
            : DockerConfigFile.Text(config["credsStore"]);
        if (helper is { Length: > 0 })
            return await FromHelperAsync(helper, registry, environment);
        var entry = (config["auths"] as JsonObject)?.FirstOrDefault(p => DockerConfigFile.Host(p.Key) == host).Value;
        return DockerConfigFile.Text(entry?["auth"]) is { Length: > 0 } auth ? Decode(auth, Path.Combine(directory, "config.json"), registry) : null;
    }

    /// <summary>"user:password" in base64, as docker writes it; a broken entry is one line, not a stack trace.</summary>
    static (string, Secret)? Decode(string auth, string file, string registry)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        }
        catch (FormatException)
        {
            throw new BuildError($"The login for {registry} in {file} is not valid base64: run 'docker login {registry}' again or remove the entry.");
        }
        var split = decoded.IndexOf(':');
        return split < 0 ? null : (decoded[..split], new Secret(decoded[(split + 1)..]));
    }

    /// <summary>`docker-credential-&lt;helper&gt; get` with the server on stdin answers {"Username","Secret"}; no login → null.</summary>
    static async Task<(string, Secret)?> FromHelperAsync(string helper, string registry, IReadOnlyDictionary<string, string?> environment)
    {
        var command = new ToolCommand("docker-credential-" + helper, ["get"]) { StandardInput = registry, Environment = environment };
        var result = await ToolRunner.RunAsync(command, echoOutput: false);
        if (!result.Succeeded) return null;
        try
        {
            var answer = JsonNode.Parse(result.StandardOutput) as JsonObject;
            var user = DockerConfigFile.Text(answer?["Username"]);
            var secret = Secret.From(DockerConfigFile.Text(answer?["Secret"]));
            return user is { Length: > 0 } && secret is not null ? (user, secret) : null;
        }
        catch (JsonException)
        {
            throw new BuildError($"The credential helper docker-credential-{helper} answered no JSON for {registry}.");
        }
    }
}
