using System.Text.RegularExpressions;
using Metadata;
using Metadata.Versions;

namespace Mlflow;

/// <summary>
/// The three kinds of strings the MLflow image is built from, as the tools that read them define them:
/// PEP 440 public versions (pip), Docker tags and Docker repository names (BuildKit's FROM).
/// The first two reuse the Tag engine's grammars, with the guards a value bound for a file or argv needs.
/// </summary>
internal static partial class VersionGrammar
{
    /// <summary>
    /// A PEP 440 public version in any spelling PEP 440 normalises ("v1.0", "1.0-RC1", "2!1.0.post1.dev2"),
    /// made only of the characters the Dockerfile's RUN check allows, so never a local part ("+ubuntu1": pip
    /// rejects it in an index pin), whitespace, a newline or non-ASCII (which IgnoreCase could read as ASCII).
    /// </summary>
    public static bool IsPythonPublicVersion(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '!' or '_' or '-') && ParsesAsPep440(value);

    /// <summary>A Docker tag: a word character, then up to 127 word characters, '.' or '-'.</summary>
    // DockerTag's pattern ends in '$', which also matches before a final newline.
    public static bool IsDockerTag(string value) => DockerTag.IsValid(value) && !value.EndsWith('\n');

    /// <summary>A Docker repository name ([registry[:port]/]path), without tag or digest.</summary>
    public static bool IsDockerRepository(string value) => value.Length <= 255 && DockerRepository().IsMatch(value);

    static bool ParsesAsPep440(string value)
    {
        try { return Pep440Version.Parse(value) is not null; }
        catch (OverflowException) { return false; }   // an epoch beyond a long, which Pep440Version reads as a number
    }

    // Anchored with \A..\z: '$' would let a trailing newline through.
    [GeneratedRegex("""
        \A
        (?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*(?::[0-9]+)?/)?   # registry
        [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*                                                                                          # path component
        (?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*
        \z
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex DockerRepository();
}
