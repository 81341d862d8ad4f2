using System.Text.RegularExpressions;
using Metadata.Input;

namespace Metadata.Versions;

/// <summary>
/// A PEP 440 version (epoch, release, pre/post/dev, local), parsed with the specification's regular
/// expression and printed the way the action's library (@renovate/pep440) prints it, e.g. <c>1.1beta2</c> →
/// <c>1.1b2</c>, <c>1.2post1</c> → <c>1.2.post1</c>. Numbers go through JavaScript's Number(), and the local part
/// prints its segments joined with ',' (the library interpolates an array): <c>1.2.3+local.7</c> → <c>1.2.3+local,7</c>.
/// Hand-written: no PEP 440 library is available to the build.
/// </summary>
internal sealed partial record Pep440Version(
    string Epoch, IReadOnlyList<string> Release, (string Label, string Number)? Pre,
    (string Label, string Number)? Post, (string Label, string Number)? Dev, IReadOnlyList<string>? Local)
{
    public bool IsPrerelease => Pre is not null || Dev is not null;
    public bool IsPostrelease => Post is not null;
    public bool IsDevrelease => Dev is not null;

    public string Major => Release[0];
    public string Minor => Release.Count > 1 ? Release[1] : "0";
    public string Patch => Release.Count > 2 ? Release[2] : "0";

    public static Pep440Version? Parse(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success) return null;
        string Group(string name) => m.Groups[name].Value;
        // Departure kept on purpose: an epoch past long's range is no version anyone publishes, and a build's version
        // pins rely on it being refused; the library would print it as a JavaScript number.
        if (Group("epoch").Length > 0 && !long.TryParse(Group("epoch"), out _)) return null;
        return new Pep440Version(
            Group("epoch").Length > 0 ? Number(Group("epoch")) : "0",
            Group("release").Split('.').Select(Number).ToList(),
            Letter(Group("pre_l"), Group("pre_n")),
            Letter(Group("post_l"), Group("post_n1").Length > 0 ? Group("post_n1") : Group("post_n2")),
            Letter(Group("dev_l"), Group("dev_n")),
            Group("local").Length == 0 ? null : Group("local").Split('.', '_', '-').Select(LocalSegment).ToList());
    }

    /// <summary>The library's form (<c>pep440.clean</c>); the local part keeps its ',' separators on purpose (see above).</summary>
    public override string ToString() =>
        (Epoch != "0" ? $"{Epoch}!" : "") + string.Join('.', Release)
        + (Pre is { } pre ? pre.Label + pre.Number : "")
        + (Post is { } post ? "." + post.Label + post.Number : "")
        + (Dev is { } dev ? "." + dev.Label + dev.Number : "")
        + (Local is { } local ? "+" + string.Join(',', local) : "");

    static (string, string)? Letter(string letter, string number)
    {
        if (letter.Length > 0)
        {
            var normalized = letter.ToLowerInvariant() switch
            {
                "alpha" => "a", "beta" => "b", "c" or "pre" or "preview" => "rc", "rev" or "r" => "post", var l => l,
            };
            return (normalized, number.Length == 0 ? "0" : Number(number));
        }
        return number.Length > 0 ? ("post", Number(number)) : null;
    }

    static string Number(string digits) => JavaScriptNumber.DigitsText(digits);

    // Number(part) when that is a number ("007" → 7, "1e3" → 1000, "0x1f" → 31), else the part lower-cased.
    static string LocalSegment(string part) =>
        JavaScriptNumber.Parse(part) is var number && !double.IsNaN(number) ? JavaScriptNumber.ToText(number) : part.ToLowerInvariant();

    [GeneratedRegex("""
        ^\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_\.]?(?<pre_l>alpha|beta|preview|pre|a|b|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?
        (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
        (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?)
        (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
