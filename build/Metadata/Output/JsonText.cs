using System.Globalization;
using System.Text;

namespace Metadata.Output;

/// <summary>
/// JavaScript's <c>JSON.stringify</c> for the shapes the action writes (objects, arrays, strings), compact or with
/// an indent of 2: only '"', '\' and control characters are escaped, unlike System.Text.Json's default encoder.
/// Values are string, IEnumerable&lt;string&gt;, or ordered key/value pairs of those; a null value leaves its key out.
/// </summary>
internal static class JsonText
{
    public static string Write(object value, bool indented = false)
    {
        var text = new StringBuilder();
        Write(text, value, indented ? 0 : -1);
        return text.ToString();
    }

    static void Write(StringBuilder text, object value, int depth)
    {
        switch (value)
        {
            case string s: WriteString(text, s); break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                WriteContainer(text, '{', '}', members.Where(m => m.Value is not null).Select(m => (Action<StringBuilder>)(t =>
                {
                    WriteString(t, m.Key);
                    t.Append(depth >= 0 ? ": " : ":");
                    Write(t, m.Value!, depth >= 0 ? depth + 1 : -1);
                })).ToList(), depth);
                break;
            case IEnumerable<string> items:
                WriteContainer(text, '[', ']', items.Select(item => (Action<StringBuilder>)(t => WriteString(t, item))).ToList(), depth);
                break;
            default: throw new ArgumentException($"Cannot write {value.GetType()} as JSON");
        }
    }

    static void WriteContainer(StringBuilder text, char open, char close, List<Action<StringBuilder>> items, int depth)
    {
        text.Append(open);
        if (items.Count == 0) { text.Append(close); return; }
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append(',');
            if (depth >= 0) text.Append('\n').Append(' ', 2 * (depth + 1));
            items[i](text);
        }
        if (depth >= 0) text.Append('\n').Append(' ', 2 * depth);
        text.Append(close);
    }

    static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default:
                    // Well-formed JSON.stringify escapes lone surrogates.
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { text.Append(c).Append(value[++i]); }
                    else if (char.IsSurrogate(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
