using System.Text;

namespace Prune;

/// <summary>The plan as a fixed-width text table: version id, digest, tags, age, decision, reason. Pure.</summary>
internal static class PlanTable
{
    public static string Write(IReadOnlyList<PlanRow> rows, DateTimeOffset now)
    {
        string[] header = ["VERSION", "DIGEST", "TAGS", "AGE", "DECISION", "REASON"];
        var cells = rows
            .OrderBy(r => r.Decision).ThenByDescending(r => r.Version.Changed)
            .Select(r => new[]
            {
                r.Version.Id > 0 ? r.Version.Id.ToString() : "-", Short(r.Version.Digest),
                r.Version.Tags.Count == 0 ? "-" : string.Join(",", r.Version.Tags),
                Age(r.Age(now)), (r.Conflict ? "keep!" : r.Decision == PlanDecision.Keep ? "keep" : "delete"), r.Reason,
            }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var line in cells.Prepend(header))
            text.AppendLine(string.Join("  ", line.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)).TrimEnd());
        var deleting = rows.Count(r => r.Decision == PlanDecision.Delete);
        text.Append($"{rows.Count} versions: {deleting} to delete, {rows.Count - deleting} to keep ({rows.Count(r => r.Conflict)} kept with a doomed tag)");
        return text.ToString();
    }

    /// <summary><c>sha256:0123456789ab</c>: 12 hex digits, as docker prints image ids.</summary>
    public static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{Math.Floor(age.TotalDays):0}d" : age.TotalHours >= 1 ? $"{Math.Floor(age.TotalHours):0}h" : $"{Math.Max(0, Math.Floor(age.TotalMinutes)):0}m";
}
