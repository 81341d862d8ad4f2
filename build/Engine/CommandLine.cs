using System.Text.RegularExpressions;

namespace Engine;

/// <summary>
/// NUKE's argument grammar: leading tokens are targets; a token starting with '-' names an argument whose
/// values are the tokens up to the next '-' token; names ignore dashes and case; the last occurrence wins; a bare
/// '-' is dropped.
/// A path argument (--root, AbsolutePath parameters: <paramref name="takesOneValue"/>) takes one value; tokens
/// after it are targets, so `--root . Tag --skip` invokes Tag (NUKE fails on it instead).
/// A switch (a bool parameter: <paramref name="isSwitch"/>) followed by a target's name (<paramref name="isTarget"/>)
/// takes no value: that token and the targets after it are invoked, so `--plan Publish` plans Publish.
/// Two additions let a value start with '-' (NUKE would read it as a name): `--name=value` gives the first value in
/// the same token, and a `--` among an argument's values makes every later token a value of that argument.
/// </summary>
sealed partial class CommandLine
{
    readonly Dictionary<string, (string Name, string[] Values)> named = new();
    readonly List<(string Token, string Name)> order = [];

    public CommandLine(IReadOnlyList<string> args, Func<string, bool>? takesOneValue = null, Func<string, bool>? isSwitch = null, Func<string, bool>? isTarget = null)
    {
        Args = args;
        // A bare '-' is neither a name nor a value: NUKE drops it.
        args = args.Where(a => a != "-").ToList();
        var i = 0;
        var positional = new List<string>();
        for (; i < args.Count && !IsName(args[i]); i++)
            positional.Add(args[i]);
        Positional = positional;
        while (i < args.Count)
        {
            var token = args[i++];
            var values = new List<string>();
            var inline = InlineValue().Match(token);
            var name = inline.Success ? inline.Groups[1].Value : token;
            if (inline.Success) values.Add(inline.Groups[2].Value);
            var single = takesOneValue?.Invoke(name) == true;
            var flag = !inline.Success && isSwitch?.Invoke(name) == true && i < args.Count && isTarget?.Invoke(args[i]) == true;
            for (; !flag && i < args.Count && !(single && values.Count == 1); i++)
            {
                if (args[i] == "--" && !single) { values.AddRange(args.Skip(i + 1)); i = args.Count; break; }
                if (IsName(args[i])) break;
                values.Add(args[i]);
            }
            named[Names.Key(name)] = (name, values.ToArray());
            order.Add((token, name));
            for (; (single || flag) && i < args.Count && !IsName(args[i]); i++)
                positional.Add(args[i]);
        }
    }

    public IReadOnlyList<string> Args { get; }

    /// <summary>Leading tokens before the first named argument: the invoked targets.</summary>
    public IReadOnlyList<string> Positional { get; }

    public bool Has(string name) => named.ContainsKey(Names.Key(name));

    /// <summary>The values given after --name (empty for a bare switch), or null when absent.</summary>
    public string[]? Values(string name) => named.TryGetValue(Names.Key(name), out var entry) ? entry.Values : null;

    /// <summary>Named arguments as typed, to report ones that match no parameter.</summary>
    public IEnumerable<string> NamesGiven => named.Values.Select(v => v.Name);

    /// <summary>
    /// Every named argument in the order given (its token as typed and its name), so a token that names no parameter
    /// can be told apart when it stands among a list's values.
    /// </summary>
    public IReadOnlyList<(string Token, string Name)> InOrder => order;

    static bool IsName(string token) => token.StartsWith('-') && token.Length > 1;

    [GeneratedRegex("^(--?[A-Za-z][A-Za-z0-9_-]*)=(.*)$", RegexOptions.Singleline)]
    private static partial Regex InlineValue();
}
