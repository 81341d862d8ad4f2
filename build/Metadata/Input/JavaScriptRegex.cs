using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Metadata.Input;

/// <summary>
/// <c>String.prototype.match</c> as the action uses it for <c>pattern=</c> and <c>match=</c>: a plain pattern, or
/// <c>/source/flags</c>. Without the g flag the result is the match and its groups (null for a group that
/// did not take part); with g it is every whole match. Null when nothing matches. With <c>literal: false</c> the
/// pattern is always a plain source (<c>String.prototype.match(string)</c>, as for semver/pep440 <c>match=</c>).
/// </summary>
internal static partial class JavaScriptRegex
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    static readonly ConcurrentDictionary<(string, string), Regex> Compiled = new();

    public static string?[]? Match(string input, string pattern, bool literal = true)
    {
        var parts = literal ? Literal().Match(pattern) : System.Text.RegularExpressions.Match.Empty;
        var (source, flags) = parts.Success ? (parts.Groups[1].Value, parts.Groups[2].Value) : (pattern, "");
        var regex = Compiled.GetOrAdd((source, flags), key => Create(key.Item1, key.Item2, pattern));
        try
        {
            if (flags.Contains('g'))
            {
                var all = regex.Matches(input).Select(m => (string?)m.Value).ToArray();
                return all.Length == 0 ? null : all;
            }
            var match = regex.Match(input);
            if (!match.Success || (flags.Contains('y') && match.Index != 0)) return null;
            return match.Groups.Cast<Group>().Take(CountGroups(regex)).Select(g => g.Success ? g.Value : null).ToArray();
        }
        catch (RegexMatchTimeoutException)
        {
            throw new BuildError($"The pattern {pattern} takes too long to match '{input}'");
        }
    }

    // Departure: .NET numbers named groups after the unnamed ones; JavaScript numbers all groups left to right.
    static int CountGroups(Regex regex) => regex.GetGroupNumbers().Length;

    static Regex Create(string source, string flags, string pattern)
    {
        if (flags.Any(f => !"dgimsuyv".Contains(f)) || flags.Distinct().Count() != flags.Length)
            throw new BuildError($"Invalid flags supplied to RegExp constructor '{flags}' in {pattern}");
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i')) options |= RegexOptions.IgnoreCase;
        if (flags.Contains('m')) options |= RegexOptions.Multiline;
        if (flags.Contains('s')) options |= RegexOptions.Singleline;
        try
        {
            // ECMAScript semantics (ASCII \d \w \s) where .NET allows that option with the others.
            var ecmaOptions = options & ~RegexOptions.CultureInvariant;
            if ((ecmaOptions & ~(RegexOptions.IgnoreCase | RegexOptions.Multiline)) == 0)
            {
                try { return new Regex(source, ecmaOptions | RegexOptions.ECMAScript, Timeout); }
                catch (ArgumentException) { }
            }
            return new Regex(source, options, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new BuildError($"Invalid regular expression {pattern}: {e.Message}");
        }
    }

    [GeneratedRegex(@"^/(.+)/(.*)$")]
    private static partial Regex Literal();
}
