namespace Metadata.Templates;

/// <summary>
/// The block tags metadata-action's templates can use: Handlebars' built-in <c>{{#if x}}</c> and <c>{{#unless x}}</c>
/// with <c>{{else}}</c> (or <c>{{^}}</c>) and <c>{{else if y}}</c> chains, closed by <c>{{/if}}</c> / <c>{{/unless}}</c>.
/// Other blocks (<c>#each</c>, <c>#with</c>, sections over a name, partials) stay refused with one line.
/// </summary>
static partial class TemplateParser
{
    static readonly string[] BlockHelpers = ["if", "unless"];

    abstract record BlockTag;
    sealed record BlockOpen(string Source, string Helper, object? Condition, IReadOnlyDictionary<string, object?> Hash) : BlockTag;
    sealed record BlockElse(BlockOpen? Chained) : BlockTag;
    sealed record BlockClose(string Helper) : BlockTag;

    /// <summary>The block tag <paramref name="inner"/> is, or null for a plain mustache.</summary>
    static BlockTag? ReadBlockTag(string template, string inner)
    {
        var text = inner.Trim();
        if (text is "else" or "^") return new BlockElse(null);
        if (text.StartsWith("else ") || text.StartsWith("else\t")) return new BlockElse(Open(text[4..]));
        if (text.StartsWith('#')) return Open(text[1..]);
        if (text.StartsWith('/'))
        {
            var name = text[1..].Trim();
            return BlockHelpers.Contains(name) ? new BlockClose(name) : throw Unsupported(template, inner);
        }
        return null;

        BlockOpen Open(string helperAndArguments)
        {
            var tokens = Tokenize(template, helperAndArguments);
            if (tokens is not [TemplatePath { Name: var helper }, ..] || !BlockHelpers.Contains(helper)) throw Unsupported(template, inner);
            var parameters = tokens.Skip(1).Where(t => t is not KeyValuePair<string, object?>).ToList();
            if (helperAndArguments.Contains('(')) throw Unsupported(template, inner);
            // Handlebars' own message: its built-in if/unless take exactly one argument.
            if (parameters.Count != 1) throw new BuildError($"#{helper} requires exactly one argument: {template}");
            var hash = tokens.OfType<KeyValuePair<string, object?>>().ToDictionary(p => p.Key, p => p.Value);
            return new BlockOpen(text, helper, parameters[0], hash);
        }
    }

    /// <summary>Nests the nodes of a template into its blocks as their tags arrive.</summary>
    sealed class BlockBuilder(string template)
    {
        sealed class Frame(BlockOpen open, bool chained)
        {
            public BlockOpen Open => open;
            public bool Chained => chained;
            public List<TemplateNode> Body { get; } = [];
            public List<TemplateNode> Inverse { get; } = [];
            public bool InInverse { get; set; }
        }

        readonly List<TemplateNode> root = [];
        readonly Stack<Frame> frames = new();

        /// <summary>Where the next text or mustache goes: the innermost open block's current branch.</summary>
        public List<TemplateNode> Nodes => frames.TryPeek(out var frame) ? frame.InInverse ? frame.Inverse : frame.Body : root;

        public void Add(BlockTag tag)
        {
            switch (tag)
            {
                case BlockOpen open:
                    frames.Push(new Frame(open, chained: false));
                    break;
                case BlockElse @else:
                    if (!frames.TryPeek(out var current) || current.InInverse) throw ParseError(template, "an {{else}} outside an {{#if}} or {{#unless}}");
                    current.InInverse = true;
                    if (@else.Chained is { } chained) frames.Push(new Frame(chained, chained: true));
                    break;
                case BlockClose close:
                    while (true)
                    {
                        if (!frames.TryPop(out var frame)) throw ParseError(template, $"a {{{{/{close.Helper}}}}} without its block");
                        Nodes.Add(new TemplateBlock(frame.Open.Source, frame.Open.Helper, frame.Open.Condition, frame.Open.Hash, frame.Body, frame.Inverse));
                        if (frame.Chained) continue;
                        if (frame.Open.Helper != close.Helper) throw ParseError(template, $"{frame.Open.Helper} doesn't match {close.Helper}");
                        break;
                    }
                    break;
            }
        }

        public IReadOnlyList<TemplateNode> Finish() =>
            frames.TryPeek(out var open) ? throw ParseError(template, $"an unclosed {{{{#{open.Open.Helper}}}}}") : root;
    }
}
