using System.Globalization;
using System.Text;

namespace Metadata.Templates;

abstract record TemplateNode;
sealed record TemplateText(string Text) : TemplateNode;
sealed record TemplateMustache(string Source, string Name, IReadOnlyList<object?> Parameters, IReadOnlyDictionary<string, object?> Hash, bool Escape) : TemplateNode;
/// <summary><c>{{#if x}}Body{{else}}Inverse{{/if}}</c> or <c>#unless</c>; <c>{{else if y}}</c> is a block in Inverse.</summary>
sealed record TemplateBlock(string Source, string Helper, object? Condition, IReadOnlyDictionary<string, object?> Hash, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Inverse) : TemplateNode;
/// <summary>A name (not a literal) in parameter position.</summary>
sealed record TemplatePath(string Name);

/// <summary>Splits a template into text, mustaches and if/unless blocks (Handlebars' lexical rules for the supported subset).</summary>
static partial class TemplateParser
{
    public static IReadOnlyList<TemplateNode> Parse(string template)
    {
        var blocks = new BlockBuilder(template);
        var nodes = blocks.Nodes;
        var text = new StringBuilder();
        bool stripNextText = false;
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) { AppendText(template[i..]); break; }
            if (open > 0 && template[open - 1] == '\\' && !(open > 1 && template[open - 2] == '\\'))
            {
                // \{{ is literal up to the next mustache.
                AppendText(template[i..(open - 1)]);
                var next = template.IndexOf("{{", open + 2, StringComparison.Ordinal);
                var end = next < 0 ? template.Length : next;
                AppendText(template[open..end]);
                i = end;
                continue;
            }
            // \\{{ is one backslash, then a mustache.
            AppendText(open > i && template[open - 1] == '\\' ? template[i..(open - 1)] : template[i..open]);
            var triple = template.AsSpan(open).StartsWith("{{{");
            var start = open + (triple ? 3 : 2);
            if (template.AsSpan(start).StartsWith("!"))
            {
                var longComment = template.AsSpan(start).StartsWith("!--");
                var closeComment = template.IndexOf(longComment ? "--}}" : "}}", start, StringComparison.Ordinal);
                if (closeComment < 0) throw ParseError(template, "an unclosed comment");
                i = closeComment + (longComment ? 4 : 2);
                continue;
            }
            var close = FindClose(template, start, triple ? "}}}" : "}}");
            if (close < 0) throw ParseError(template, "an unclosed '{{'");
            var inner = template[start..close];
            i = close + (triple ? 3 : 2);
            if (inner.StartsWith('~')) { TrimEndOfText(); inner = inner[1..]; }
            if (inner.EndsWith('~')) { stripNextText = true; inner = inner[..^1]; }
            var escape = !triple;
            if (inner.TrimStart().StartsWith('&')) { escape = false; inner = inner.TrimStart()[1..]; }
            FlushText();
            if (escape && ReadBlockTag(template, inner) is { } tag) blocks.Add(tag);
            else nodes.Add(ParseMustache(template, inner, escape));
            nodes = blocks.Nodes;
        }
        FlushText();
        return blocks.Finish();

        void AppendText(string value)
        {
            if (stripNextText) { value = value.TrimStart(); stripNextText = value.Length == 0; }
            text.Append(value);
        }
        void TrimEndOfText()
        {
            var trimmed = text.ToString().TrimEnd();
            text.Clear().Append(trimmed);
        }
        void FlushText()
        {
            if (text.Length > 0) nodes.Add(new TemplateText(text.ToString()));
            text.Clear();
        }
    }

    static int FindClose(string template, int start, string close)
    {
        char? quote = null;
        for (var i = start; i < template.Length; i++)
        {
            var c = template[i];
            if (quote is { } q) { if (c == '\\') i++; else if (c == q) quote = null; continue; }
            if (c is '"' or '\'') quote = c;
            else if (template.AsSpan(i).StartsWith(close)) return i;
        }
        return -1;
    }

    static TemplateMustache ParseMustache(string template, string inner, bool escape)
    {
        var tokens = Tokenize(template, inner);
        if (tokens.Count == 0) throw ParseError(template, "an empty '{{}}'");
        if (tokens[0] is not TemplatePath { Name: var name } || name.Length == 0 || "#/^>".Contains(name[0]) || name == "else")
            throw Unsupported(template, inner);
        var parameters = new List<object?>();
        var hash = new Dictionary<string, object?>();
        foreach (var token in tokens.Skip(1))
            if (token is KeyValuePair<string, object?> pair) hash[pair.Key] = pair.Value;
            else parameters.Add(token);
        return new TemplateMustache(inner.Trim(), name, parameters, hash, escape);
    }

    static List<object?> Tokenize(string template, string inner)
    {
        var tokens = new List<object?>();
        var i = 0;
        while (i < inner.Length)
        {
            if (char.IsWhiteSpace(inner[i])) { i++; continue; }
            var start = i;
            var hashKey = ReadHashKey(inner, ref i);
            var value = ReadValue(template, inner, ref i);
            tokens.Add(hashKey is null ? value : new KeyValuePair<string, object?>(hashKey, value));
            if (i == start) throw ParseError(template, $"an unexpected '{inner[i]}'");
        }
        return tokens;
    }

    static string? ReadHashKey(string inner, ref int i)
    {
        var j = i;
        while (j < inner.Length && IsNameChar(inner[j])) j++;
        if (j == i || j >= inner.Length || inner[j] != '=') return null;
        var key = inner[i..j];
        i = j + 1;
        return key;
    }

    static object? ReadValue(string template, string inner, ref int i)
    {
        if (i >= inner.Length) throw ParseError(template, "a missing value");
        var c = inner[i];
        if (c is '"' or '\'')
        {
            var value = new StringBuilder();
            for (i++; i < inner.Length && inner[i] != c; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length && inner[i + 1] == c) i++;
                value.Append(inner[i]);
            }
            if (i >= inner.Length) throw ParseError(template, "an unclosed string");
            i++;
            return value.ToString();
        }
        var start = i;
        while (i < inner.Length && !char.IsWhiteSpace(inner[i]) && inner[i] != '=') i++;
        var word = inner[start..i];
        if (word is "true" or "false") return word == "true";
        if (word is "null" or "undefined") return null;
        if (double.TryParse(word, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && char.IsAsciiDigit(word[^1])) return number;
        return new TemplatePath(word);
    }

    // Handlebars' ID characters: anything but whitespace and !"#%&'()*+,./;<=>@[\]^`{|}~
    static bool IsNameChar(char c) => !char.IsWhiteSpace(c) && !"!\"#%&'()*+,./;<=>@[\\]^`{|}~".Contains(c);

    static BuildError Unsupported(string template, string inner) =>
        new($"Template syntax {{{{{inner.Trim()}}}}} is not supported here (only {{{{name ...}}}} expressions and {{{{#if}}}}/{{{{#unless}}}} blocks): {template}");

    static BuildError ParseError(string template, string what) => new($"Invalid template (Handlebars parse error: {what}): {template}");
}
