namespace Mlflow;

/// <summary>
/// The build args of dockerfile.mlflow, checked: the base image and tag go into FROM and the two Python
/// versions into pins of the image's requirements file, so each must be exactly one plain version string.
/// Anything else is the user's mistake and ends the build before it starts, with one line naming it.
/// </summary>
internal sealed record MlflowBuildArguments(string MlflowImage, string MlflowVersion, string Boto3Version, string Psycopg2Version)
{
    /// <summary>Validates the parameters; an empty or null Python version means "not pinned".</summary>
    public static MlflowBuildArguments Validate(string? mlflowImage, string? mlflowVersion, string? boto3Version, string? psycopg2Version) =>
        new(Required(nameof(MlflowImage), mlflowImage, ImageProblem, "an image name without tag, like ghcr.io/mlflow/mlflow"),
            Required(nameof(MlflowVersion), mlflowVersion, TagProblem, "a tag of the base image, like v3.1.1"),
            Optional(nameof(Boto3Version), boto3Version),
            Optional(nameof(Psycopg2Version), psycopg2Version));

    /// <summary>What `docker buildx build --build-arg` gets; an unpinned package is passed as an empty value.</summary>
    public IReadOnlyDictionary<string, string> ToBuildArgs() => new Dictionary<string, string>
    {
        ["MLFLOW_IMAGE"] = MlflowImage,
        ["MLFLOW_VERSION"] = MlflowVersion,
        ["BOTO3_VERSION"] = Boto3Version,
        ["PSYCOPG2_VERSION"] = Psycopg2Version,
    };

    static string Required(string parameter, string? value, Func<string, string?> problem, string example)
    {
        if (string.IsNullOrEmpty(value)) throw new BuildError($"{parameter} is empty; give {example}.");
        return problem(value) is { } reason ? throw new BuildError($"{parameter} {Shown(value)} {reason}.") : value;
    }

    static string Optional(string parameter, string? value) =>
        string.IsNullOrEmpty(value) || VersionGrammar.IsPythonPublicVersion(value)
            ? value ?? ""
            : throw new BuildError($"{parameter} {Shown(value)} is not a PEP 440 public version (like 1.34.0 or 2.9.10); " +
                                   "it becomes a pin in the image's requirements file, so nothing else is accepted (leave it empty for the newest).");

    static string? ImageProblem(string value)
    {
        if (VersionGrammar.IsDockerRepository(value)) return null;
        // "host:5000/x:v1" or "x@sha256:..": a colon after the last '/' or an '@' starts a tag or digest.
        var end = value.IndexOf('@') is >= 0 and var at ? at : value.LastIndexOf(':') is var colon && colon > value.LastIndexOf('/') ? colon : -1;
        return end > 0 && VersionGrammar.IsDockerRepository(value[..end])
            ? "names a tag or digest; give the image name only and the tag in MlflowVersion"
            : "is not a Docker image name (a lower-case path with an optional registry host[:port]), like ghcr.io/mlflow/mlflow";
    }

    static string? TagProblem(string value) =>
        VersionGrammar.IsDockerTag(value) ? null
        : "is not a Docker tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-'), like v3.1.1";

    /// <summary>The value quoted on one line: control characters escaped, long values cut.</summary>
    internal static string Shown(string value)
    {
        var text = string.Concat(value.Take(80).Select(c => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\'' => "\\'",
            _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));
        return "'" + text + (value.Length > 80 ? "…'" : "'");
    }
}
