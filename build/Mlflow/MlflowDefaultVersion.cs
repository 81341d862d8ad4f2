using System.Text.RegularExpressions;

namespace Mlflow;

/// <summary>
/// The one place the default MLflow version lives: dockerfile.mlflow's <c>ARG MLFLOW_VERSION=...</c>. A plain
/// `docker build` reads it there and the build reads the same line, so MlflowRelease --update edits one line.
/// </summary>
internal static partial class MlflowDefaultVersion
{
    /// <summary>The value of the <c>ARG MLFLOW_VERSION=</c> line (there must be exactly one).</summary>
    public static string Read(string dockerfileText) => Line(dockerfileText).Value;

    /// <summary>The text with that line's value replaced by <paramref name="version"/>, everything else byte for byte.</summary>
    public static string Replace(string dockerfileText, string version)
    {
        if (!VersionGrammar.IsDockerTag(version)) throw new BuildError($"{MlflowBuildArguments.Shown(version)} is not a Docker tag, so it cannot be the default MLflow version.");
        var value = Line(dockerfileText);
        return dockerfileText[..value.Index] + version + dockerfileText[(value.Index + value.Length)..];
    }

    public static string ReadFile(string dockerfile) =>
        File.Exists(dockerfile) ? Read(File.ReadAllText(dockerfile))
        : throw new BuildError($"{dockerfile} is missing; its 'ARG MLFLOW_VERSION=<tag>' line is the default MLflow version (or give --mlflow-version).");

    /// <summary>Sets the default in <paramref name="dockerfile"/>: the whole new text to a temporary file, then moved over it.</summary>
    public static void WriteFile(string dockerfile, string version)
    {
        var text = Replace(File.ReadAllText(dockerfile), version);
        var temporary = $"{dockerfile}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, dockerfile, overwrite: true);
    }

    static Group Line(string dockerfileText)
    {
        var matches = ArgLine().Matches(dockerfileText);
        return matches.Count == 1 ? matches[0].Groups["value"]
            : throw new BuildError(matches.Count == 0
                ? "dockerfile.mlflow has no 'ARG MLFLOW_VERSION=<tag>' line, where the default MLflow version lives."
                : "dockerfile.mlflow has more than one 'ARG MLFLOW_VERSION=<tag>' line; the default MLflow version must live in one.");
    }

    // The value is a plain tag (no quotes, no variable): the build and `docker build` must read the same string.
    [GeneratedRegex(@"^ARG[ \t]+MLFLOW_VERSION=(?<value>[A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ArgLine();
}
