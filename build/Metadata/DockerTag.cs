using System.Text.RegularExpressions;

namespace Metadata;

/// <summary>
/// Docker's tag grammar, <c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>. The action only replaces invalid characters;
/// this build also strips a leading '.'/'-', cuts at 128 characters and drops empty and repeated tags,
/// because Docker rejects the action's output otherwise (e.g. a "-1ec004e" tag from a "{{branch}}-" prefix on a tag push).
/// </summary>
internal static partial class DockerTag
{
    public const int MaxLength = 128;

    /// <summary>What the action does: each run of characters outside [A-Za-z0-9._-] becomes one '-'.</summary>
    public static string ReplaceInvalidCharacters(string tag) => InvalidRun().Replace(tag, "-");

    public static bool IsValid(string tag) => Valid().IsMatch(tag);

    /// <summary>The tag Docker accepts for <paramref name="tag"/> (empty when nothing is left), and why it changed.</summary>
    public static (string Tag, string? Change) MakeValid(string tag)
    {
        var sanitized = ReplaceInvalidCharacters(tag);
        var stripped = sanitized.TrimStart('.', '-');
        var cut = stripped.Length > MaxLength ? stripped[..MaxLength] : stripped;
        string? change = null;
        if (sanitized != tag) change = "characters outside [A-Za-z0-9._-] replaced by '-'";
        if (stripped != sanitized) change = "a tag cannot start with '.' or '-'";
        if (cut != stripped) change = $"a tag has at most {MaxLength} characters";
        if (cut.Length == 0) change = "nothing valid is left";
        return (cut, change);
    }

    /// <summary>Docker-valid versions of <paramref name="tags"/>, each once, in order; <paramref name="warn"/> hears every change.</summary>
    public static IReadOnlyList<string> MakeValid(IEnumerable<string> tags, Action<string> warn)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var (valid, change) = MakeValid(tag);
            if (valid.Length == 0) { warn($"Tag '{tag}' dropped: {change} (Docker tag rule)"); continue; }
            if (change is not null) warn($"Tag '{tag}' emitted as '{valid}': {change} (Docker tag rule)");
            if (!seen.Add(valid)) { warn($"Tag '{valid}' emitted once: it was produced more than once"); continue; }
            result.Add(valid);
        }
        return result;
    }

    [GeneratedRegex("[^a-zA-Z0-9._-]+")]
    private static partial Regex InvalidRun();

    // \z, not $: "$" also matches before a trailing newline, which Docker rejects.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z")]
    private static partial Regex Valid();
}
