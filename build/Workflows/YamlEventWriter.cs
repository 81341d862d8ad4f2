using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Workflows;

/// <summary>
/// A thin layer over YamlDotNet's emitter: block style, 2-space indented sequences, no line folding,
/// "\n" line ends on every OS. YamlDotNet decides quoting; we only say which strings must not stay plain.
/// </summary>
sealed class YamlEventWriter
{
    readonly StringWriter text = new() { NewLine = "\n" };
    readonly Emitter emitter;

    public YamlEventWriter()
    {
        emitter = new Emitter(text, new EmitterSettings(
            bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024,
            skipAnchorName: false, indentSequences: true, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
    }

    public void Comment(string line) => emitter.Emit(new Comment(line, isInline: false));

    public void InlineComment(string comment) => emitter.Emit(new Comment(comment, isInline: true));

    public void Map(Action body)
    {
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        body();
        emitter.Emit(new MappingEnd());
    }

    public void EmptyMap()
    {
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Flow));
        emitter.Emit(new MappingEnd());
    }

    public void List<T>(IEnumerable<T> items, Action<T> item)
    {
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        foreach (var each in items) item(each);
        emitter.Emit(new SequenceEnd());
    }

    public void Strings(IEnumerable<string> items) => List(items, item => Value(item));

    /// <summary>Keys are GitHub's names or identifiers, which GitHub reads as strings: plain, so <c>on:</c> stays <c>on:</c>.</summary>
    public void Key(string key) =>
        emitter.Emit(new Scalar(null, null, key, ScalarStyle.Any, isPlainImplicit: key.Length > 0, isQuotedImplicit: true));

    public void Value(WorkflowValue value)
    {
        // Multi-line text as a literal block (|), the way a person writes a script, when a block can hold it
        // exactly; else double-quoted with escapes. Everything else is left to the emitter's analysis, which
        // quotes leading '*', '!', '&', ': ', ' #', quotes and the like.
        // Tabs and other control characters are escaped: the emitter's own choice drops a lone tab.
        var style = value.Text.Any(c => char.IsControl(c) && c != '\n') ? ScalarStyle.DoubleQuoted
            : !value.Text.Contains('\n') ? ScalarStyle.Any
            : FitsLiteralBlock(value.Text) ? ScalarStyle.Literal
            : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(null, null, value.Text, style, isPlainImplicit: !value.NeedsQuotes, isQuotedImplicit: true));
    }

    static bool FitsLiteralBlock(string text) =>
        !char.IsWhiteSpace(text[0]) && !text.EndsWith("\n\n", StringComparison.Ordinal)
        && text.Split('\n').All(line => line.Length == 0 || !char.IsWhiteSpace(line[^1]));

    public void Entry(string key, WorkflowValue value)
    {
        Key(key);
        Value(value);
    }

    public void Entries(string key, IEnumerable<KeyValuePair<string, WorkflowValue>> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0) return;
        Key(key);
        Map(() => list.ForEach(entry => Entry(entry.Key, entry.Value)));
    }

    public string Finish()
    {
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }
}
