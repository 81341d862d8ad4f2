using System.Text;
using System.Text.RegularExpressions;
using Metadata.Input;

namespace Prune;

/// <summary>What made a tag, as far as Prune needs to know. Only pull request, branch commit and staging tags can go.</summary>
internal enum TagKind { Version, PullRequest, BranchCommit, BranchHead, Commit, Fixed, Other, Staging, Cache, Signature, Unexplained }

/// <summary>A tag read back through the rule that explains it: its kind, that rule, and the branch or pull request it names.</summary>
internal sealed record TagClass(TagKind Kind, string Rule, string? Branch = null, int? PullRequest = null);

/// <summary>What a template in a tag rule expands to, as a regular expression; <see cref="IsVersion"/>: it names a version.</summary>
internal sealed record TemplateShape(string Pattern, bool IsVersion = false);

/// <summary>
/// Reads tags back through the tag rules the build publishes with (the Tag target's rules) and the build's own
/// naming of staging and build cache tags. Each rule becomes a pattern; a tag most rules cannot make is judged by
/// the most specific rule that can (the most literal characters: <c>{{branch}}</c> alone explains any tag and loses
/// to <c>pr-{{N}}</c>). A version rule always wins, and a tie keeps: when in doubt, the tag stays. Pure.
/// </summary>
internal sealed partial class TagClassifier
{
    sealed record Shape(Regex Pattern, TagKind Kind, int Specificity, string Rule);

    readonly List<Shape> shapes = [];

    /// <summary>metadata-action's own templates; a build adds its own (e.g. <c>{{app_version}}</c>) through <paramref name="templates"/>.</summary>
    static readonly Dictionary<string, TemplateShape> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["branch"] = new("(?<branch>[A-Za-z0-9_.-]+)"),
        ["base_ref"] = new("[A-Za-z0-9_.-]+"),
        // A git tag the build publishes from is a release (the publish workflow runs on v* tags): its tags, such as
        // v1.2.3-<sha7>, are version pins. Any other tag name matches nothing here, so its tags stay unexplained: kept.
        ["tag"] = new("v?[0-9][0-9A-Za-z_.-]*", IsVersion: true),
        ["sha"] = new("[0-9a-f]{7,40}"),
        ["version"] = new(@"[0-9]+(?:\.[0-9]+)*(?:[-.+_][0-9A-Za-z.]+)*", IsVersion: true),
        ["raw"] = new(@"[0-9A-Za-z.]+(?:[-_][0-9A-Za-z.]+)*", IsVersion: true),
        ["major"] = new("[0-9]+", IsVersion: true),
        ["minor"] = new("[0-9]+", IsVersion: true),
        ["patch"] = new("[0-9]+", IsVersion: true),
    };

    public static TagClassifier From(IReadOnlyList<string> rules, IReadOnlyDictionary<string, TemplateShape>? templates = null)
    {
        var classifier = new TagClassifier();
        var shapes = new Dictionary<string, TemplateShape>(Known, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, shape) in templates ?? new Dictionary<string, TemplateShape>()) shapes[name] = shape;
        foreach (var rule in TagRules.Parse(rules).Where(r => r["enable"]?.Trim().ToLowerInvariant() != "false"))
            if (ShapeOf(rule, shapes) is { } shape) classifier.shapes.Add(shape);
        // The build's own names: staging tags (ImageBuildRequest.StagingTag), the registry cache (CachePolicy), cosign's tags.
        classifier.shapes.Add(new(Publishing.ImageBuildRequest.StagingTagPattern, TagKind.Staging, 100, "staging tag of a publish run"));
        classifier.shapes.Add(new(Publishing.CachePolicy.RegistryCacheTagPattern, TagKind.Cache, 100, "registry build cache"));
        classifier.shapes.Add(new(CosignPattern(), TagKind.Signature, 100, "cosign tag"));
        return classifier;
    }

    public TagClass Classify(string tag)
    {
        var matches = shapes.Select(s => (shape: s, match: s.Pattern.Match(tag))).Where(m => m.match.Success).ToList();
        if (matches.Count == 0) return new(TagKind.Unexplained, "no tag rule explains it");
        var version = matches.FirstOrDefault(m => m.shape.Kind == TagKind.Version);
        var top = matches.Max(m => m.shape.Specificity);
        var best = version.shape is not null ? [version]
            : matches.Where(m => m.shape.Specificity == top).ToList();
        var (chosen, match) = best.FirstOrDefault(m => !Doomable(m.shape.Kind)) is { shape: not null } keeper ? keeper : best[0];
        var branch = match.Groups["branch"] is { Success: true } b ? b.Value : null;
        int? pr = match.Groups["pr"] is { Success: true } p && int.TryParse(p.Value, out var n) ? n : null;
        return new(chosen.Kind, chosen.Rule, branch, pr);
    }

    /// <summary>The kinds an option may delete; every other kind stays whatever the options say.</summary>
    public static bool Doomable(TagKind kind) => kind is TagKind.PullRequest or TagKind.BranchCommit or TagKind.Staging or TagKind.Cache or TagKind.Signature;

    static Shape? ShapeOf(TagRule rule, Dictionary<string, TemplateShape> templates)
    {
        string Attribute(string name) => rule[name] ?? "";
        // The rule as written, without the defaults every rule has (enable, priority).
        var text = string.Join(',', rule.ToString().Split(',').Where(part => !part.StartsWith("enable=", StringComparison.Ordinal) && !part.StartsWith("priority=", StringComparison.Ordinal)));
        return rule.Type switch
        {
            TagRuleType.Ref when rule["event"] == "pr" => Compose(text, TagKind.PullRequest, templates, Attribute("prefix"), "(?<pr>[0-9]+)", Attribute("suffix")),
            TagRuleType.Ref when rule["event"] == "branch" => Compose(text, TagKind.BranchHead, templates, Attribute("prefix"), "{{branch}}", Attribute("suffix")),
            TagRuleType.Ref => Compose(text, TagKind.Other, templates, Attribute("prefix"), "{{tag}}", Attribute("suffix")),
            TagRuleType.Sha => Compose(text, Mentions(Attribute("prefix") + Attribute("suffix"), "branch") ? TagKind.BranchCommit : TagKind.Commit, templates,
                Attribute("prefix"), rule["format"] == "long" ? "(?:[0-9a-f]{40})" : "(?:[0-9a-f]{7,40})", Attribute("suffix")),
            TagRuleType.Semver or TagRuleType.Pep440 => Compose(text, TagKind.Version, templates, Attribute("prefix"), Attribute("value") is { Length: > 0 } v ? v : Attribute("pattern"), Attribute("suffix")),
            TagRuleType.Raw => Compose(text, TemplateNames(Attribute("value")).Any() ? TagKind.Other : TagKind.Fixed, templates, Attribute("prefix"), Attribute("value"), Attribute("suffix")),
            TagRuleType.Edge => Compose(text, TagKind.Fixed, templates, Attribute("prefix"), Attribute("branch") is { Length: > 0 } branch ? branch : "edge", Attribute("suffix")),
            TagRuleType.Schedule => Compose(text, TagKind.Other, templates, Attribute("prefix"), Attribute("pattern"), Attribute("suffix")),
            _ => new Shape(new Regex("^.+$"), TagKind.Other, 0, text), // match: any tag a pattern may cut out of a git ref
        };
    }

    /// <summary>
    /// prefix + value + suffix as one anchored pattern. A pattern piece in parentheses stays a pattern; text is
    /// literal apart from its templates. A template naming a version makes the whole rule a version rule.
    /// </summary>
    static Shape Compose(string rule, TagKind kind, Dictionary<string, TemplateShape> templates, params string[] parts)
    {
        var pattern = new StringBuilder("^");
        var literal = 0;
        foreach (var part in parts)
        {
            if (part.StartsWith("(?", StringComparison.Ordinal)) { pattern.Append(part); literal++; continue; }
            var at = 0;
            foreach (Match template in Template().Matches(part))
            {
                literal += template.Index - at;
                pattern.Append(Regex.Escape(part[at..template.Index]));
                var name = template.Groups["name"].Value;
                var shape = templates.GetValueOrDefault(name) ?? new TemplateShape(".+?"); // unknown ({{date ...}}): may be anything
                if (shape.IsVersion) kind = TagKind.Version;
                // A second {{branch}} must not define the group twice.
                pattern.Append(pattern.ToString().Contains("(?<branch>") ? shape.Pattern.Replace("(?<branch>", "(?:") : shape.Pattern);
                at = template.Index + template.Length;
            }
            literal += part.Length - at;
            pattern.Append(Regex.Escape(part[at..]));
        }
        return new Shape(new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant), kind, literal, rule);
    }

    static bool Mentions(string text, string template) => TemplateNames(text).Contains(template, StringComparer.OrdinalIgnoreCase);

    static IEnumerable<string> TemplateNames(string text) => Template().Matches(text).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_.]*)[^}]*\}\}")]
    private static partial Regex Template();

    [GeneratedRegex(@"^(?<algorithm>sha256|sha512)-(?<hex>[0-9a-f]{32,128})\.(sig|att|sbom)$")]
    private static partial Regex CosignPattern();

    /// <summary><c>sha256-ab12.sig</c> → <c>sha256:ab12</c>.</summary>
    public static string? AttachedSubject(string tag) =>
        CosignPattern().Match(tag) is { Success: true } m ? $"{m.Groups["algorithm"].Value}:{m.Groups["hex"].Value}" : null;
}
