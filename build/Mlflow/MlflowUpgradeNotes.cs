using System.Text;
using System.Text.RegularExpressions;
using GitHub.Api;

namespace Mlflow;

/// <summary>What a line of the release notes warns about, in the order the pull request shows them.</summary>
internal enum UpgradeConcern { DatabaseMigration, BreakingChange, ChangedDefault }

/// <summary>A line of one release's notes that a maintainer must read before upgrading a running server.</summary>
internal sealed record UpgradeHighlight(MlflowRelease Release, UpgradeConcern Concern, string Line);

/// <summary>
/// The upstream notes of every release after the current default up to the proposed one, oldest first, and the lines
/// among them that mention a database migration, a breaking change or a changed default. Pure: the releases come in.
/// </summary>
internal sealed partial record MlflowUpgradeNotes(IReadOnlyList<(MlflowRelease Release, ReleaseNote Note)> Releases)
{
    /// <summary>GitHub refuses a pull request body over 65,536 characters; the rest of the body needs far less than the remainder.</summary>
    public const int DefaultBudget = 60_000;
    const int MaxHighlights = 40, MaxHighlightLength = 400;

    /// <summary>The stable releases with current &lt; version &lt;= proposed (only the proposed one when the current default is no release).</summary>
    public static MlflowUpgradeNotes Between(IEnumerable<ReleaseNote> releases, MlflowRelease? current, MlflowRelease proposed) => new(
        [.. releases.Select(note => (Release: MlflowRelease.TryParse(note.Tag), Note: note))
            .Where(each => each.Release is { } release && release.CompareTo(proposed) <= 0 && (current is null ? release.Equals(proposed) : release.CompareTo(current) > 0))
            .Select(each => (each.Release!, each.Note))
            .DistinctBy(each => each.Item1)
            .OrderBy(each => each.Item1)]);

    /// <summary>Migration lines first, then breaking changes, then changed defaults; each group oldest release first.</summary>
    public IReadOnlyList<UpgradeHighlight> Highlights =>
        [.. Releases.SelectMany(each => Scan(each.Release, each.Note.Body)).OrderBy(h => h.Concern).ThenBy(h => h.Release)];

    static IEnumerable<UpgradeHighlight> Scan(MlflowRelease release, string body)
    {
        var inBreakingSection = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var text = Bullet().Replace(line, "");
            if (IsHeading(line))
            {
                inBreakingSection = Breaking().IsMatch(line);
                if (Migration().IsMatch(text) && seen.Add(text)) yield return new UpgradeHighlight(release, UpgradeConcern.DatabaseMigration, text);
                continue;
            }
            UpgradeConcern? concern =
                Migration().IsMatch(text) ? UpgradeConcern.DatabaseMigration
                : inBreakingSection || Breaking().IsMatch(text) ? UpgradeConcern.BreakingChange
                : ChangedDefault().IsMatch(text) ? UpgradeConcern.ChangedDefault
                : null;
            if (concern is { } found && seen.Add(text)) yield return new UpgradeHighlight(release, found, text);
        }
    }

    /// <summary>"### Breaking changes", "Breaking changes:", "**Bug fixes:**": a section's title, not one of its entries.</summary>
    static bool IsHeading(string line) => line.StartsWith('#') || !Bullet().IsMatch(line) && line.TrimEnd('*', ' ').EndsWith(':') && line.Length < 80;

    /// <summary>The highlights as a Markdown alert: what to read before merging, each line linking its release.</summary>
    public string HighlightsMarkdown()
    {
        var highlights = Highlights;
        if (Releases.Count == 0) return "";
        if (highlights.Count == 0)
            return "> [!NOTE]\n> The release notes below mention no database migration, breaking change or changed default.\n";
        var md = new StringBuilder("> [!WARNING]\n> **Before merging**: the release notes below mention a database migration, breaking changes or changed defaults.\n>\n");
        foreach (var highlight in highlights.Take(MaxHighlights))
            md.Append($"> - **{highlight.Release}** ({Describe(highlight.Concern)}): {Defused(Shorten(highlight.Line))}\n");
        if (highlights.Count > MaxHighlights) md.Append($"> - … and {highlights.Count - MaxHighlights} more lines in the notes below.\n");
        return md.ToString();
    }

    /// <summary>Each release's notes in a collapsed block, oldest first, as many as fit <paramref name="budget"/>; the rest as links.</summary>
    public string NotesMarkdown(int budget = DefaultBudget)
    {
        var md = new StringBuilder();
        foreach (var (release, note) in Releases)
        {
            var block = $"<details><summary>MLflow {release} (<a href=\"{note.Url}\">release page</a>)</summary>\n\n{Defused(note.Body.Trim())}\n\n</details>\n\n";
            md.Append(md.Length + block.Length <= budget ? block
                : $"- MLflow {release}: [release notes]({note.Url}) (left out here: a pull request body holds at most 65,536 characters)\n");
        }
        return md.ToString();
    }

    static string Describe(UpgradeConcern concern) => concern switch
    {
        UpgradeConcern.DatabaseMigration => "database migration",
        UpgradeConcern.BreakingChange => "breaking change",
        _ => "changed default",
    };

    static string Shorten(string line) => line.Length <= MaxHighlightLength ? line : line[..MaxHighlightLength] + "…";

    /// <summary>
    /// Upstream @mentions and #numbers, made inert with a zero-width space: our pull request must not notify MLflow's
    /// contributors, and "#12345" would link to an issue of this repository, not of MLflow.
    /// </summary>
    public static string Defused(string markdown) => Reference().Replace(Mention().Replace(markdown, "@\u200B$1"), "#\u200B$1");

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+\.)\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\bdb upgrade\b|\bmigrat\w*\b.*\b(database|db|schema|tables?|alembic|backend stores?)\b|\b(database|db|schema|tables?|alembic|backend stores?)\b.*\bmigrat\w*", RegexOptions.IgnoreCase)]
    private static partial Regex Migration();

    [GeneratedRegex(@"\bbreaking\b", RegexOptions.IgnoreCase)]
    private static partial Regex Breaking();

    [GeneratedRegex(@"\bdefaults?\b.*\b(now|changed|instead|no longer)\b|\b(now|no longer)\b.*\bdefaults?\b|\bchang\w*\b.*\bdefaults?\b|\bnew default\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangedDefault();

    [GeneratedRegex(@"(?<![\w`/])@([A-Za-z0-9][A-Za-z0-9-]*)")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<![\w&/])#(\d+)")]
    private static partial Regex Reference();
}
