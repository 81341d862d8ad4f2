using NodaTime;

namespace Metadata.Templates;

/// <summary>
/// moment-timezone's <c>moment(instant).tz(name).format(format)</c>: the zone from the tz database (NodaTime's copy;
/// .NET's TimeZoneInfo has no abbreviations), looked up the way moment-timezone looks names up (case-insensitive,
/// links included). <c>z</c>/<c>zz</c> print the database's abbreviation at that instant (<c>CET</c>/<c>CEST</c>,
/// <c>SST</c>, or numeric ones such as <c>+0545</c> and <c>-11</c>).
/// </summary>
internal static class MomentZone
{
    // moment-timezone's normalizeName: lower case, '/' as '_'.
    static readonly Lazy<Dictionary<string, string>> Names = new(() =>
        DateTimeZoneProviders.Tzdb.Ids.GroupBy(Normalize).ToDictionary(g => g.Key, g => g.First()));

    public static string Format(DateTimeOffset instant, string zoneName, string? format)
    {
        if (!Names.Value.TryGetValue(Normalize(zoneName), out var id))
        {
            // moment-timezone logs the unknown name and leaves the moment in local mode: the runner's zone (UTC on
            // GitHub's runners), no abbreviation, and an offset rather than 'Z' in the default format.
            Log.Warning($"Unknown time zone '{zoneName}' in a date template; using UTC");
            return MomentFormat.Format(instant.ToOffset(TimeSpan.Zero), format, isUtc: false, zoneAbbreviation: "");
        }
        var zone = DateTimeZoneProviders.Tzdb[id];
        var interval = zone.GetZoneInterval(Instant.FromDateTimeOffset(instant));
        var local = instant.ToOffset(interval.WallOffset.ToTimeSpan());
        return MomentFormat.Format(local, format, isUtc: local.Offset == TimeSpan.Zero, zoneAbbreviation: interval.Name);
    }

    static string Normalize(string name) => name.ToLowerInvariant().Replace('/', '_');
}
