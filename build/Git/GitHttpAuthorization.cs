using System.Text;

namespace Git;

/// <summary>
/// A token for git's HTTPS pushes, the way actions/checkout hands it to git: an <c>http.&lt;server&gt;/.extraheader</c>
/// with Basic x-access-token, here as GIT_CONFIG_* variables of the one git process (never argv, the URL or a file).
/// </summary>
internal static class GitHttpAuthorization
{
    /// <summary>
    /// The variables for git at <paramref name="serverUrl"/> (e.g. https://github.com). The first entry empties the header
    /// list for that server, so a header actions/checkout persisted in .git/config is not sent twice (GitHub refuses that).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(string serverUrl, string token)
    {
        var key = $"http.{serverUrl.TrimEnd('/')}/.extraheader";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{token}"));
        Log.AddSecret(basic);
        return new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = key, ["GIT_CONFIG_VALUE_0"] = "",
            ["GIT_CONFIG_KEY_1"] = key, ["GIT_CONFIG_VALUE_1"] = $"AUTHORIZATION: basic {basic}",
        };
    }
}
