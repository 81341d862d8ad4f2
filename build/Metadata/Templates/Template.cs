using System.Collections.Concurrent;
using System.Text;

namespace Metadata.Templates;

/// <summary>
/// The Handlebars subset metadata-action's inputs use: <c>{{name}}</c>, <c>{{name 'param' key='value'}}</c>,
/// <c>{{{name}}}</c> and <c>{{&amp;name}}</c> (not HTML-escaped), comments, <c>\{{</c> escapes, <c>~</c>
/// whitespace control and the built-in <c>{{#if}}</c>/<c>{{#unless}}</c> blocks with <c>{{else}}</c>. Output of
/// <c>{{...}}</c> is HTML-escaped exactly as Handlebars escapes it. Other blocks and partials are rejected with a clear error.
/// </summary>
internal static class Template
{
    static readonly ConcurrentDictionary<string, IReadOnlyList<TemplateNode>> Parsed = new();

    public static string Render(string template, IReadOnlyDictionary<string, TemplateFunction> scope)
    {
        if (!template.Contains("{{")) return template;
        var output = new StringBuilder();
        Render(Parsed.GetOrAdd(template, TemplateParser.Parse), scope, output);
        return output.ToString();
    }

    static void Render(IReadOnlyList<TemplateNode> nodes, IReadOnlyDictionary<string, TemplateFunction> scope, StringBuilder output)
    {
        foreach (var node in nodes)
            switch (node)
            {
                case TemplateText text:
                    output.Append(text.Text);
                    break;
                case TemplateMustache mustache:
                    var value = Evaluate(mustache, scope);
                    output.Append(mustache.Escape ? Escape(value) : value);
                    break;
                case TemplateBlock block:
                    Render(IsTrue(block, scope) == (block.Helper == "if") ? block.Body : block.Inverse, scope, output);
                    break;
            }
    }

    /// <summary>
    /// Handlebars' truthiness for #if/#unless: a name is called (as its if helper calls a function), then empty
    /// strings, false, null and 0 (unless includeZero=true) are false. Every other string is true, "false" included.
    /// </summary>
    static bool IsTrue(TemplateBlock block, IReadOnlyDictionary<string, TemplateFunction> scope)
    {
        var value = block.Condition is TemplatePath path
            ? scope.TryGetValue(path.Name, out var function) ? function(new TemplateCall(path.Name, [], new Dictionary<string, object?>())) : null
            : block.Condition;
        return value switch
        {
            null => false,
            string text => text.Length > 0,
            bool flag => flag,
            double number => number != 0 || block.Hash.GetValueOrDefault("includeZero") is true,
            _ => true,
        };
    }

    /// <summary>The names the template's blocks test (<c>{{#if name}}</c>, <c>{{else unless name}}</c> ...).</summary>
    public static IEnumerable<string> BlockConditions(string template)
    {
        IReadOnlyList<TemplateNode> nodes;
        try { nodes = template.Contains("{{") ? Parsed.GetOrAdd(template, TemplateParser.Parse) : []; }
        catch (BuildError) { yield break; }
        var pending = new Stack<TemplateNode>(nodes);
        while (pending.TryPop(out var node))
            if (node is TemplateBlock block)
            {
                if (block.Condition is TemplatePath path) yield return path.Name;
                foreach (var inner in block.Body.Concat(block.Inverse)) pending.Push(inner);
            }
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
