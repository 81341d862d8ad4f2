using System.Text.RegularExpressions;

namespace Mlflow;

/// <summary>
/// Our templates for tag rules, labels and annotations (metadata-action has none for the base image):
/// <c>{{mlflow_version}}</c> (3.1.1 for v3.1.1), <c>{{mlflow_version_minor}}</c> (3.1), <c>{{mlflow_version_major}}</c> (3),
/// and <c>{{mlflow_is_newest}}</c>, <c>{{mlflow_is_newest_minor}}</c>, <c>{{mlflow_is_newest_major}}</c> ("true"/"false",
/// see <see cref="MlflowTagLine"/>), and <c>{{mlflow_is_primary}}</c> (the first of several versions a run builds). Expanded before metadata-action's own templates, like {{gitversion.*}}.
/// </summary>
internal static class MlflowTemplates
{
    static readonly Regex Placeholder = new(@"\{\{\s*(?<name>mlflow_[a-z_]+)\s*\}\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static bool Uses(string line) => Placeholder.IsMatch(line);

    /// <summary>True when the line asks which moving tags this version may take (the registry must be read).</summary>
    public static bool UsesTagLine(string line) =>
        Placeholder.Matches(line).Any(m => m.Groups["name"].Value.StartsWith("mlflow_is_newest", StringComparison.OrdinalIgnoreCase));

    /// <summary>The version without the leading 'v' (v3.1.1 → 3.1.1; a tag that is no version stays as it is).</summary>
    public static string Version(string mlflowVersion) =>
        mlflowVersion.Length > 1 && mlflowVersion[0] is 'v' or 'V' && char.IsAsciiDigit(mlflowVersion[1]) ? mlflowVersion[1..] : mlflowVersion;

    /// <summary>The line with every placeholder filled in; <paramref name="line"/> is asked for only when the line needs it.</summary>
    public static string Expand(string text, string mlflowVersion, Func<MlflowTagLine> line, bool primary = true)
    {
        if (!Uses(text)) return text;
        var release = MlflowRelease.TryParse(mlflowVersion);
        return Placeholder.Replace(text, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "mlflow_version" => Version(mlflowVersion),
            "mlflow_version_minor" => release is null ? "" : $"{release.Major}.{release.Minor}",
            "mlflow_version_major" => release is null ? "" : $"{release.Major}",
            "mlflow_is_primary" => Bool(primary),
            "mlflow_is_newest" => Bool(line().Newest),
            "mlflow_is_newest_minor" => Bool(line().NewestInMinor),
            "mlflow_is_newest_major" => Bool(line().NewestInMajor),
            var name => throw new BuildError($"'{text}' names '{{{{{name}}}}}', which is not an MLflow template; use mlflow_version, mlflow_version_minor, mlflow_is_primary, mlflow_version_major, mlflow_is_newest, mlflow_is_newest_minor or mlflow_is_newest_major."),
        });
    }

    static string Bool(bool value) => value ? "true" : "false";
}
