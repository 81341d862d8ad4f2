using System.Globalization;
using System.Text.RegularExpressions;

namespace Mlflow;

/// <summary>
/// A stable MLflow release, X.Y.Z: what `ghcr.io/mlflow/mlflow:vX.Y.Z` and our own `X.Y.Z` tags name.
/// Release candidates (v3.2.0rc0), dev builds, `-full` variants and `latest` are not releases here.
/// </summary>
internal sealed partial record MlflowRelease(int Major, int Minor, int Patch) : IComparable<MlflowRelease>
{
    /// <summary>"v3.1.1" or "3.1.1" → 3.1.1; anything else (rc, dev, -full, latest, leading zeros) → null.</summary>
    public static MlflowRelease? TryParse(string? text)
    {
        if (text is null || Stable().Match(text) is not { Success: true } match) return null;
        return int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
               && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
               && int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
            ? new MlflowRelease(major, minor, patch) : null;
    }

    /// <summary>The newest release among tags (with or without the leading v), or null when none is one.</summary>
    public static MlflowRelease? Newest(IEnumerable<string> tags) => tags.Select(TryParse).OfType<MlflowRelease>().Max();

    public int CompareTo(MlflowRelease? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    /// <summary>The base image's tag for this release.</summary>
    public string Tag => "v" + this;

    // No leading zeros: Docker tags are strings, and "v3.01.1" is not a tag MLflow publishes.
    [GeneratedRegex(@"\Av?(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Stable();
}
