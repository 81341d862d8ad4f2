namespace Metadata;

/// <summary>
/// One label (or annotation) key set to a value the build knows better than metadata-action, on what goes into
/// the image and the summary (Tag's own outputs keep the action's value: the conformance cases compare them).
/// A --labels/--annotations line of that key is the user's choice and stays.
/// </summary>
internal static class PinnedLabel
{
    public const string VersionKey = "org.opencontainers.image.version";
    public const string CreatedKey = "org.opencontainers.image.created";

    /// <summary>Entries are "key=value" or, for annotations, "level:key=value"; a null value leaves them alone.</summary>
    public static IReadOnlyList<string> Pin(IReadOnlyList<string> entries, string key, string? value, IEnumerable<string>? userEntries)
    {
        if (value is null || userEntries?.Any(e => e.StartsWith(key + "=", StringComparison.Ordinal) || e.Contains(":" + key + "=", StringComparison.Ordinal)) == true)
            return entries;
        return entries.Select(entry =>
        {
            var at = entry.IndexOf(key + "=", StringComparison.Ordinal);
            var isKey = at == 0 || (at > 0 && entry[at - 1] == ':' && !entry[..at].Contains('='));
            return isKey ? entry[..at] + key + "=" + value : entry;
        }).ToList();
    }
}
