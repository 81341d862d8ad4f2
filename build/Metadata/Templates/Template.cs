using System.Collections.Concurrent;
using System.Text;

namespace Metadata.Templates;

/// <summary>
/// The Handlebars subset metadata-action's inputs use: <c>{{name}}</c>, <c>{{name 'param' key='value'}}</c>,
/// <c>{{{name}}}</c> and <c>{{&amp;name}}</c> (not HTML-escaped), comments, <c>\{{</c> escapes and <c>~</c>
/// whitespace control. Output of <c>{{...}}</c> is HTML-escaped exactly as Handlebars escapes it.
/// Block helpers and partials are rejected with a clear error.
/// </summary>
internal static class Template
{
    static readonly ConcurrentDictionary<string, IReadOnlyList<TemplateNode>> Parsed = new();

    public static string Render(string template, IReadOnlyDictionary<string, TemplateFunction> scope)
    {
        if (!template.Contains("{{")) return template;
        var nodes = Parsed.GetOrAdd(template, TemplateParser.Parse);
        var output = new StringBuilder();
        foreach (var node in nodes)
        {
            if (node is TemplateText text) { output.Append(text.Text); continue; }
            var mustache = (TemplateMustache)node;
            var value = Evaluate(mustache, scope);
            output.Append(mustache.Escape ? Escape(value) : value);
        }
        return output.ToString();
    }

    /// <summary>True when the template is exactly one mustache naming <c>raw</c> (the action keeps a prerelease's raw tag then).</summary>
    public static bool IsRawStatement(string template)
    {
        try
        {
            return TemplateParser.Parse(template) is [TemplateMustache { Name: "raw" }];
        }
        catch (BuildError) { return false; }
    }

    static string Evaluate(TemplateMustache mustache, IReadOnlyDictionary<string, TemplateFunction> scope)
    {
        var call = new TemplateCall(mustache.Name,
            mustache.Parameters.Select(p => Resolve(p, scope)).ToList(),
            mustache.Hash.ToDictionary(h => h.Key, h => Resolve(h.Value, scope)));
        if (scope.TryGetValue(mustache.Name, out var function)) return function(call) ?? "";
        if (mustache.Name == "log") return "";
        if (call.IsHelperCall) throw new BuildError($"Missing helper: \"{mustache.Name}\" in template {{{{{mustache.Source}}}}}");
        return "";
    }

    // A name used as a parameter resolves to nothing: the action's context holds only functions.
    static object? Resolve(object? parameter, IReadOnlyDictionary<string, TemplateFunction> scope) =>
        parameter is TemplatePath ? null : parameter;

    /// <summary>Handlebars' escapeExpression.</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("&<>\"'`=") < 0) return value;
        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
            escaped.Append(c switch
            {
                '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;",
                '\'' => "&#x27;", '`' => "&#x60;", '=' => "&#x3D;", _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
