using System.Text.RegularExpressions;

namespace Versioning;

/// <summary>
/// Expands <c>{{gitversion.&lt;Variable&gt;}}</c> in a tag rule, e.g. <c>type=raw,value={{gitversion.semver}}</c>,
/// with the variable of that name (case-insensitive) from GitVersion's output. Our addition: metadata-action has
/// no such template, so rules without it are left untouched and GitVersion never runs for them.
/// </summary>
internal static class GitVersionTemplates
{
    public const string Prefix = "{{gitversion.";

    static readonly Regex Placeholder = new(@"\{\{\s*gitversion\.(?<name>[A-Za-z0-9_]+)\s*\}\}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>True when the rule names a GitVersion variable (so the version must be computed).</summary>
    public static bool Uses(string rule) => Placeholder.IsMatch(rule);

    /// <summary>
    /// The rule with every placeholder replaced. <paramref name="version"/> is asked for only when the rule
    /// has a placeholder, so a build whose rules never mention GitVersion never runs it.
    /// </summary>
    public static string Expand(string rule, Func<GitVersion> version)
    {
        if (!Uses(rule)) return rule;
        var value = version();
        return Placeholder.Replace(rule, match =>
        {
            var name = match.Groups["name"].Value;
            return value.Variables.TryGetValue(name, out var text)
                ? text
                : throw new BuildError($"Tag rule '{rule}' names '{{{{gitversion.{name}}}}}', which GitVersion does not produce; use one of: {string.Join(", ", value.Variables.Keys.Order(StringComparer.OrdinalIgnoreCase))}.");
        });
    }

    public static string Expand(string rule, GitVersion version) => Expand(rule, () => version);
}
