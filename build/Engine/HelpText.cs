namespace Engine;

/// <summary>--help: listed targets with their direct dependencies, then parameters (NUKE's layout).</summary>
static class HelpText
{
    /// <param name="width">Columns to wrap at: NUKE uses min(console width, 90), and 80 when the output is redirected.</param>
    public static List<string> Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> buildParameters, int width = 80)
    {
        var lines = new List<string> { "Targets (with their direct dependencies):", "" };
        var listed = targets.Where(t => !t.Unlisted).OrderBy(t => t.Index).ToList();
        var nameWidth = Math.Max(listed.Select(t => Label(t).Length).DefaultIfEmpty(0).Max(), 20);
        foreach (var target in listed)
        {
            var dependencies = target.ExecutionDependencies.Select(d => d.Name).ToList();
            // Padded even without dependencies (trailing blanks included), as NUKE prints it.
            lines.Add("  " + Label(target).PadRight(nameWidth) + (dependencies.Count > 0 ? " -> " + string.Join(", ", dependencies) : ""));
            if (target.Description != null) lines.Add("    " + target.Description);
        }

        lines.Add("");
        lines.Add("Parameters:");
        var defaults = targets.Where(t => t.IsDefault).Select(t => t.Name).ToList();
        var own = buildParameters.Where(p => p.Listed).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var builtIn = ParameterMember.BuiltIn.Where(p => p.Listed).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        // NUKE's description column: the longest name plus 7 ("--", then at least five blanks).
        var column = own.Concat(builtIn).Max(p => Names.Kebab(p.Name).Length) + 7;
        foreach (var group in new[] { own, builtIn }.Where(g => g.Count > 0))
        {
            lines.Add("");
            foreach (var parameter in group)
                lines.AddRange(Wrap(("--" + Names.Kebab(parameter.Name)).PadRight(column), Describe(parameter, defaults), width));
        }
        return lines;
    }

    static string Label(ExecutableTarget target) => target.Name + (target.IsDefault ? " (default)" : "");

    static string Describe(ParameterMember parameter, List<string> defaults)
    {
        var text = parameter.Description?.TrimEnd('.', ' ');
        if (string.IsNullOrEmpty(text)) return "<no description>";
        return text.Replace("{default_target}", defaults.Count > 0 ? string.Join(", ", defaults) : "<none>") + ".";
    }

    /// <summary>Word-wraps the description below <paramref name="width"/> columns, aligned under its first word.</summary>
    static IEnumerable<string> Wrap(string head, string description, int width)
    {
        var indent = "  " + new string(' ', head.Length);
        var line = "  " + head;
        var fresh = true;
        foreach (var word in description.Split(' '))
        {
            if (!fresh && line.Length + 1 + word.Length >= width)
            {
                yield return line;
                line = indent;
                fresh = true;
            }
            line += (fresh ? "" : " ") + word;
            fresh = false;
        }
        yield return line;
    }
}
