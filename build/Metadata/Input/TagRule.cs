namespace Metadata.Input;

internal enum TagRuleType { Schedule, Semver, Pep440, Match, Edge, Ref, Raw, Sha }

/// <summary>
/// One entry of the <c>tags</c> input, e.g. <c>type=semver,pattern={{version}}</c>: its type and its
/// attributes (lower-cased keys, trimmed values) with the action's defaults filled in.
/// </summary>
internal sealed record TagRule(TagRuleType Type, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The action's rules when the tags input is empty.</summary>
    public static readonly IReadOnlyList<string> ActionDefaults =
        ["type=schedule", "type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr"];

    public string? this[string name] => Attributes.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => Attributes.ContainsKey(name);

    double? priority;

    /// <summary>The numeric priority (JavaScript's Number() of the attribute; NaN when it is not a number).</summary>
    public double Priority => priority ??= JavaScriptNumber.Parse(this["priority"]!);

    public override string ToString() =>
        string.Join(',', new[] { "type=" + Type.ToString().ToLowerInvariant() }.Concat(Attributes.Select(a => $"{a.Key}={a.Value}")));

    public static TagRule Parse(string entry)
    {
        TagRuleType? type = null;
        var attributes = new Dictionary<string, string>();
        foreach (var field in CsvRecords.Fields(entry))
        {
            // Split at the first '=' that has something before it ("=x" is a bare value).
            var at = field.StartsWith('=') ? -1 : field.IndexOf('=');
            if (at < 0) { attributes["value"] = field.Trim(); continue; }
            var key = field[..at].Trim().ToLowerInvariant();
            var value = field[(at + 1)..].Trim();
            if (key == "type") type = ParseType(value) ?? throw new BuildError($"Unknown tag type attribute: {value}");
            else attributes[key] = value;
        }
        var rule = new TagRule(type ?? TagRuleType.Raw, attributes);
        rule.FillDefaults(entry, attributes);
        return rule;
    }

    void FillDefaults(string entry, Dictionary<string, string> a)
    {
        switch (Type)
        {
            case TagRuleType.Schedule:
                a.TryAdd("pattern", "nightly");
                break;
            case TagRuleType.Semver or TagRuleType.Pep440:
                if (!a.ContainsKey("pattern")) throw new BuildError($"Missing pattern attribute for {entry}");
                a.TryAdd("value", "");
                break;
            case TagRuleType.Match:
                if (!a.ContainsKey("pattern")) throw new BuildError($"Missing pattern attribute for {entry}");
                a.TryAdd("group", "0");
                if (double.IsNaN(JavaScriptNumber.Parse(a["group"]))) throw new BuildError($"Invalid match group for {entry}");
                a.TryAdd("value", "");
                break;
            case TagRuleType.Edge:
                a.TryAdd("branch", "");
                break;
            case TagRuleType.Ref:
                if (!a.TryGetValue("event", out var refEvent)) throw new BuildError($"Missing event attribute for {entry}");
                if (refEvent is not ("branch" or "tag" or "pr")) throw new BuildError($"Invalid event for {entry}");
                if (refEvent == "pr") a.TryAdd("prefix", "pr-");
                break;
            case TagRuleType.Raw:
                if (!a.ContainsKey("value")) throw new BuildError($"Missing value attribute for {entry}");
                break;
            case TagRuleType.Sha:
                a.TryAdd("prefix", "sha-");
                a.TryAdd("format", "short");
                if (a["format"] is not ("short" or "long")) throw new BuildError($"Invalid format for {entry}");
                break;
        }
        a.TryAdd("enable", "true");
        a.TryAdd("priority", DefaultPriority(Type));
    }

    static TagRuleType? ParseType(string value) => value switch
    {
        "schedule" => TagRuleType.Schedule, "semver" => TagRuleType.Semver, "pep440" => TagRuleType.Pep440,
        "match" => TagRuleType.Match, "edge" => TagRuleType.Edge, "ref" => TagRuleType.Ref,
        "raw" => TagRuleType.Raw, "sha" => TagRuleType.Sha, _ => null,
    };

    static string DefaultPriority(TagRuleType type) => type switch
    {
        TagRuleType.Schedule => "1000", TagRuleType.Semver or TagRuleType.Pep440 => "900", TagRuleType.Match => "800",
        TagRuleType.Edge => "700", TagRuleType.Ref => "600", TagRuleType.Raw => "200", _ => "100",
    };
}
