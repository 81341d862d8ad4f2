using System.Text.RegularExpressions;

namespace Mlflow;

/// <summary>
/// The three kinds of strings the MLflow image is built from, as the tools that read them define them:
/// PEP 440 public versions (pip), Docker tags and Docker repository names (BuildKit's FROM).
/// Anchored with \A..\z (not ^..$, which lets a trailing newline through); ASCII only, also under
/// IgnoreCase (which would otherwise let the long s 'ſ' stand for 's').
/// </summary>
public static partial class VersionGrammar
{
    /// <summary>
    /// A PEP 440 public version in any spelling PEP 440 normalises ("v1.0", "1.0-RC1", "2!1.0.post1.dev2"),
    /// without a local part ("+ubuntu1": pip rejects local versions in an index pin) and without surrounding
    /// whitespace (PEP 440 would strip it; a requirements line must not get it).
    /// </summary>
    public static bool IsPythonPublicVersion(string value) => value.All(char.IsAscii) && PublicVersion().IsMatch(value);

    /// <summary>A Docker tag: a word character, then up to 127 word characters, '.' or '-'.</summary>
    public static bool IsDockerTag(string value) => DockerTag().IsMatch(value);

    /// <summary>A Docker repository name ([registry[:port]/]path), without tag or digest.</summary>
    public static bool IsDockerRepository(string value) => value.Length <= 255 && DockerRepository().IsMatch(value);

    [GeneratedRegex("""
        \A v?
        (?:[0-9]+!)?                                                      # epoch
        [0-9]+(?:\.[0-9]+)*                                               # release
        (?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?        # pre-release
        (?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?                     # post-release
        (?:[-_.]?dev[-_.]?[0-9]*)?                                        # development release
        \z
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex PublicVersion();

    [GeneratedRegex(@"\A[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DockerTag();

    [GeneratedRegex("""
        \A
        (?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*(?::[0-9]+)?/)?   # registry
        [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*                                                                                          # path component
        (?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*
        \z
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex DockerRepository();
}
