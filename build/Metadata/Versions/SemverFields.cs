using Metadata.Templates;
using Semver;

namespace Metadata.Versions;

/// <summary>
/// What a <c>type=semver</c> pattern can name: the action renders it against node-semver's parsed object, so every
/// own field of that object is a template name — <c>raw</c> (the tag as given), <c>version</c>, <c>major</c>,
/// <c>minor</c>, <c>patch</c>, <c>prerelease</c> and <c>build</c> (arrays: printed joined with ','), <c>loose</c>
/// (true: the action parses loosely), <c>includePrerelease</c> (false) and <c>options</c> (an object). Array items and
/// lengths are reachable by path (<c>{{build.0}}</c>, <c>{{build.[1]}}</c>, <c>{{build.length}}</c>), and
/// <c>this.</c>/<c>./</c> prefixes name the same fields, as in Handlebars.
/// </summary>
internal static class SemverFields
{
    public static IReadOnlyDictionary<string, TemplateFunction> For(SemVersion version, string raw)
    {
        // node-semver keeps numeric prerelease identifiers as numbers; strict versions have no leading zeros, so the text is the same.
        var prerelease = version.PrereleaseIdentifiers.Select(id => id.Value).ToList();
        var build = version.MetadataIdentifiers.Select(id => id.Value).ToList();
        var values = new Dictionary<string, string>
        {
            ["raw"] = raw,
            ["version"] = StrictSemver.VersionText(version),
            ["major"] = version.Major.ToString(),
            ["minor"] = version.Minor.ToString(),
            ["patch"] = version.Patch.ToString(),
            ["loose"] = "true",
            ["includePrerelease"] = "false",
            ["options"] = "[object Object]",
            ["options.loose"] = "true",
        };
        foreach (var (name, items) in new[] { ("prerelease", prerelease), ("build", build) })
        {
            values[name] = string.Join(',', items);
            values[name + ".length"] = items.Count.ToString();
            for (var i = 0; i < items.Count; i++) values[$"{name}.{i}"] = items[i];
        }
        var scope = new Dictionary<string, TemplateFunction>();
        foreach (var (path, value) in values)
            foreach (var spelling in Spellings(path))
                scope[spelling] = _ => value;
        return scope;
    }

    // Handlebars' equivalent spellings of a path: a.b, a/b, a.[b], and the same after this. or ./
    static IEnumerable<string> Spellings(string path)
    {
        var segments = path.Split('.');
        var forms = new HashSet<string>
        {
            string.Join('.', segments), string.Join('/', segments),
            string.Join('.', segments.Select((s, i) => i == 0 ? s : $"[{s}]")),
        };
        return forms.SelectMany(form => new[] { form, "this." + form, "./" + form, "this/" + form });
    }
}
