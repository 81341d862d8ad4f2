using System.Text;
using Tooling;

namespace Git;

/// <summary>
/// A token for git's HTTPS pushes, the way actions/checkout hands it to git: an <c>http.&lt;server&gt;/.extraheader</c>
/// with Basic x-access-token, here as GIT_CONFIG_* variables of the one git process (never argv, the URL or a file).
/// The header is itself a <see cref="Secret"/>, set in the child's environment by the tool runner.
/// </summary>
internal static class GitHttpAuthorization
{
    /// <summary>
    /// <paramref name="git"/> with the variables for git at <paramref name="serverUrl"/> (e.g. https://github.com). The first
    /// entry empties the header list for that server, so a header actions/checkout persisted in .git/config is not sent
    /// twice (GitHub refuses that).
    /// </summary>
    public static ToolCommand Authorize(ToolCommand git, string serverUrl, Secret token)
    {
        var key = $"http.{serverUrl.TrimEnd('/')}/.extraheader";
        // An HTTP Authorization header: the one place this token is revealed, into secrets of their own (the
        // base64 alone is masked too).
        var basic = new Secret(Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{token.Reveal()}")));
        var header = new Secret($"AUTHORIZATION: basic {basic.Reveal()}");
        var environment = new Dictionary<string, string?>(git.Environment)
        {
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = key, ["GIT_CONFIG_VALUE_0"] = "",
            ["GIT_CONFIG_KEY_1"] = key,
        };
        return git with { Environment = environment, SecretEnvironment = new Dictionary<string, Secret>(git.SecretEnvironment) { ["GIT_CONFIG_VALUE_1"] = header } };
    }
}
