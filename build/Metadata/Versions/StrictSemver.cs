using Semver;

namespace Metadata.Versions;

/// <summary>
/// node-semver's <c>semver.valid</c> (strict: an optional leading 'v', no leading zeros, numbers up to
/// 2^53-1, at most 256 characters), then the parsed version through the Semver package.
/// </summary>
internal static class StrictSemver
{
    const long MaxSafeInteger = 9007199254740991;

    public static SemVersion? Parse(string text)
    {
        if (text.Length > 256) return null;
        text = text.Trim();
        if (text.StartsWith('v')) text = text[1..];
        if (!SemVersion.TryParse(text, SemVersionStyles.Strict, out var version)) return null;
        return version.Major > MaxSafeInteger || version.Minor > MaxSafeInteger || version.Patch > MaxSafeInteger ? null : version;
    }

    /// <summary>major.minor.patch[-prerelease], without build metadata (node-semver's <c>version</c>).</summary>
    public static string VersionText(SemVersion version) => version.WithoutMetadata().ToString();
}
