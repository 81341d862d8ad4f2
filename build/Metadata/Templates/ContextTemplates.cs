namespace Metadata.Templates;

/// <summary>
/// The names templates in tag values, prefixes, suffixes, enable and labels can use:
/// {{branch}}, {{tag}}, {{sha}}, {{base_ref}}, {{is_default_branch}}, {{is_not_default_branch}},
/// {{date 'format' tz='Zone'}} and {{commit_date 'format' tz='Zone'}}.
/// </summary>
internal static class ContextTemplates
{
    public static IReadOnlyDictionary<string, TemplateFunction> For(MetadataContext context)
    {
        return new Dictionary<string, TemplateFunction>
        {
            ["branch"] = _ => context.Ref.StartsWith("refs/heads/") ? context.Ref["refs/heads/".Length..] : "",
            ["tag"] = _ => context.Ref.StartsWith("refs/tags/") ? context.Ref["refs/tags/".Length..] : "",
            ["sha"] = _ => context.ShortSha,
            ["base_ref"] = _ => BaseRef(context),
            ["is_default_branch"] = _ => IsDefaultBranch(context) ? "true" : "false",
            ["is_not_default_branch"] = _ => IsDefaultBranch(context) ? "false" : "true",
            ["date"] = call => Date(call, context.Now),
            ["commit_date"] = call => Date(call, context.CommitDate),
        };
    }

    /// <summary>
    /// Names whose value is never empty (the string "true" or "false"): Handlebars counts every non-empty string as
    /// true, so <c>{{#if is_default_branch}}</c> always renders its first part, as it does in the action.
    /// </summary>
    public static readonly string[] NeverEmpty = ["is_default_branch", "is_not_default_branch"];

    /// <summary>One warning per never-empty name that a block of <paramref name="templates"/> tests.</summary>
    public static IEnumerable<string> ConstantBlockWarnings(IEnumerable<string> templates) =>
        templates.SelectMany(Template.BlockConditions).Where(NeverEmpty.Contains).Distinct().Select(name =>
            $"{{{{#if {name}}}}} is always true (and {{{{#unless {name}}}}} always false): {name} gives the string 'true' or 'false', "
            + $"and Handlebars counts every non-empty string as true. Use enable={{{{{name}}}}} on a rule of its own instead.");

    /// <summary>What a <c>type=schedule</c> pattern can name: the action gives it only the two date helpers.</summary>
    public static IReadOnlyDictionary<string, TemplateFunction> ForSchedule(MetadataContext context) =>
        new Dictionary<string, TemplateFunction>
        {
            ["date"] = call => Date(call, context.Now),
            ["commit_date"] = call => Date(call, context.CommitDate),
        };

    public static string Render(string template, MetadataContext context) =>
        template.Contains("{{") ? Template.Render(template, For(context)) : template;

    static string BaseRef(MetadataContext context)
    {
        if (context.Ref.StartsWith("refs/tags/") && context.PayloadText("base_ref") is { } baseRef)
            return baseRef.StartsWith("refs/heads/") ? baseRef["refs/heads/".Length..] : baseRef;
        if (context.Ref.StartsWith("refs/pull/") && context.PayloadText("pull_request", "base", "ref") is { } prBase)
            return prBase;
        return "";
    }

    /// <summary>
    /// The ref's branch is the payload's repository.default_branch; events that always run on the default
    /// branch (create, discussion, issues, schedule) count as default too.
    /// </summary>
    public static bool IsDefaultBranch(MetadataContext context)
    {
        var branch = context.Ref.StartsWith("refs/heads/") ? context.Ref["refs/heads/".Length..] : context.Ref;
        if (branch.Length == 0) return false;
        if (context.PayloadText("repository", "default_branch") == branch) return true;
        var e = context.EventName;
        return e.Contains("create") || e.Contains("discussion") || e.Contains("issues") || e.Contains("schedule");
    }

    static string Date(TemplateCall call, DateTimeOffset instant)
    {
        if (!call.IsHelperCall)
            throw new BuildError($"{{{{{call.Name}}}}} needs a format, e.g. {{{{{call.Name} 'YYYYMMDD'}}}}");
        var zone = "UTC";
        foreach (var (key, value) in call.Hash)
        {
            if (key != "tz") throw new BuildError($"Unknown {key} attribute in {{{{{call.Name}}}}}");
            zone = value as string ?? throw new BuildError($"The tz attribute of {{{{{call.Name}}}}} must be a quoted time zone name");
        }
        var format = call.Parameters.Count == 0 ? null : call.Parameters[0] switch
        {
            null => null,
            string s => s,
            var other => throw new BuildError($"The format of {{{{{call.Name}}}}} must be a quoted string, not {other}"),
        };
        return MomentZone.Format(instant, zone, format);
    }
}
