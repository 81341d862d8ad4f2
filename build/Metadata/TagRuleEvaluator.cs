using Metadata.Input;
using Metadata.Templates;
using Metadata.Versions;

namespace Metadata;

/// <summary>Applies the (priority-ordered) tag rules to a context, the way metadata-action does, into an <see cref="ImageVersion"/>.</summary>
internal sealed class TagRuleEvaluator(MetadataContext context, Flavor flavor, Action<string> warn)
{
    const string Heads = "refs/heads/", Tags = "refs/tags/", Pulls = "refs/pull/";

    public ImageVersion Evaluate(IEnumerable<TagRule> rules)
    {
        var version = new ImageVersion();
        foreach (var rule in rules)
        {
            var enabled = Expand(rule["enable"]!);
            if (enabled is not ("true" or "false")) throw new BuildError($"Invalid value for enable attribute: {enabled}");
            if (enabled == "true") Apply(rule, version);
        }
        return version;
    }

    void Apply(TagRule rule, ImageVersion version)
    {
        var reference = context.Ref;
        switch (rule.Type)
        {
            case TagRuleType.Schedule when context.EventName.Contains("schedule"):
                // The action renders a schedule pattern with only {{date}} and {{commit_date}}; other names are empty there.
                version.Add(WithAffixes(Template.Render(rule["pattern"]!, ContextTemplates.ForSchedule(context)), rule), flavor.LatestFor(false));
                break;
            case TagRuleType.Semver or TagRuleType.Pep440 when reference.StartsWith(Tags) || rule["value"]!.Length > 0:
                ApplyVersionRule(rule, version);
                break;
            case TagRuleType.Match when reference.StartsWith(Tags) || rule["value"]!.Length > 0:
                ApplyMatch(rule, version);
                break;
            case TagRuleType.Ref when rule["event"] == "branch" && reference.StartsWith(Heads):
                version.Add(WithAffixes(reference[Heads.Length..], rule), flavor.LatestFor(false));
                break;
            case TagRuleType.Ref when rule["event"] == "tag" && reference.StartsWith(Tags):
                version.Add(WithAffixes(reference[Tags.Length..], rule), flavor.LatestFor(true));
                break;
            case TagRuleType.Ref when rule["event"] == "pr" && reference.StartsWith(Pulls):
                var number = reference[Pulls.Length..];
                version.Add(WithAffixes(number.EndsWith("/merge") ? number[..^"/merge".Length] : number, rule), flavor.LatestFor(false));
                break;
            case TagRuleType.Edge when reference.StartsWith(Heads):
                var branch = rule["branch"] is { Length: > 0 } b ? b : context.Repository.DefaultBranch;
                if (branch == reference[Heads.Length..]) version.Add(WithAffixes("edge", rule), flavor.LatestFor(false));
                break;
            case TagRuleType.Raw:
                version.Add(WithAffixes(Expand(rule["value"]!), rule), flavor.LatestFor(false));
                break;
            case TagRuleType.Sha when context.Sha.Length > 0:
                version.Add(WithAffixes(rule["format"] == "short" ? context.ShortSha : context.Sha, rule), flavor.LatestFor(false));
                break;
        }
    }

    /// <summary>type=semver / type=pep440: the tag (or value), optionally narrowed by match=, through the pattern.</summary>
    void ApplyVersionRule(TagRule rule, ImageVersion version)
    {
        var raw = rule["value"]!.Length > 0 ? Expand(rule["value"]!) : StripPrefix(context.Ref, Tags);
        // match= sees the tag as pushed (before '/' becomes '-'), is always a plain regular expression, and gives its
        // first group; when it does not match, the action warns and goes on with the whole tag.
        if (rule["match"] is { Length: > 0 } match)
        {
            if (JavaScriptRegex.Match(raw, match, literal: false) is not { } groups)
                warn($"{match} does not match {raw}.");
            else if (groups.Length < 2 || groups[1] is null)
                throw new BuildError($"The match attribute {match} has no first group that matches {raw} (the action fails on this too)");
            else
                raw = groups[1]!;
        }
        raw = raw.Replace('/', '-');
        var pattern = rule["pattern"]!;
        if (rule.Type == TagRuleType.Semver)
        {
            if (StrictSemver.Parse(raw) is not { } semver)
            {
                warn($"{raw} is not a valid semver. More info: https://semver.org/");
                return;
            }
            var text = StrictSemver.VersionText(semver);
            if (semver.IsPrerelease)
                version.Add(WithAffixes(Template.IsRawStatement(pattern) ? raw : text, rule), flavor.LatestFor(false));
            else
                version.Add(WithAffixes(Template.Render(pattern, SemverFields.For(semver, raw)), rule), flavor.LatestFor(true));
            return;
        }
        if (Pep440Version.Parse(raw) is not { } pep440)
        {
            warn($"{raw} does not conform to PEP 440. More info: https://www.python.org/dev/peps/pep-0440");
            return;
        }
        if (pep440.IsPrerelease || pep440.IsPostrelease || pep440.IsDevrelease)
            version.Add(WithAffixes(Template.IsRawStatement(pattern) ? raw : pep440.ToString(), rule), flavor.LatestFor(false));
        else
            version.Add(WithAffixes(Template.Render(pattern, new Dictionary<string, TemplateFunction>
            {
                ["raw"] = _ => raw, ["version"] = _ => pep440.ToString(), ["major"] = _ => pep440.Major, ["minor"] = _ => pep440.Minor, ["patch"] = _ => pep440.Patch,
            }), rule), flavor.LatestFor(true));
    }

    /// <summary>type=match: the group of the pattern's first match in the tag (or value); nothing when it does not match.</summary>
    void ApplyMatch(TagRule rule, ImageVersion version)
    {
        var raw = rule["value"]!.Length > 0 ? Expand(rule["value"]!) : StripPrefix(context.Ref, Tags);
        var groups = JavaScriptRegex.Match(raw, rule["pattern"]!);
        if (groups is null) return;
        var index = JavaScriptNumber.ArrayIndex(rule["group"]!);
        if (index is not { } i || i >= groups.Length || groups[i] is null)
        {
            warn($"Group {rule["group"]} does not exist in the match of {rule["pattern"]} against {raw}");
            return;
        }
        version.Add(WithAffixes(groups[i]!, rule), flavor.LatestFor(true));
    }

    /// <summary>The rule's own prefix/suffix (even empty) wins over the flavor's.</summary>
    string WithAffixes(string value, TagRule rule)
    {
        if (rule["prefix"] is { } prefix) value = Expand(prefix) + value;
        else if (flavor.Prefix.Length > 0) value = Expand(flavor.Prefix) + value;
        if (rule["suffix"] is { } suffix) value += Expand(suffix);
        else if (flavor.Suffix.Length > 0) value += Expand(flavor.Suffix);
        return value;
    }

    static string StripPrefix(string text, string prefix) => text.StartsWith(prefix) ? text[prefix.Length..] : text;

    string Expand(string template) => ContextTemplates.Render(template, context);
}
