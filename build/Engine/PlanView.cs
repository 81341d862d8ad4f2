using System.Net;
using System.Text;

namespace Engine;

/// <summary>
/// --plan output: numbered terminal lines with why each target runs, and an HTML page holding the Mermaid
/// source (NUKE's arrows: --> execution, -.-> ordering, ==> trigger) plus an inline SVG drawing of it, so
/// the page needs no script or network (NUKE inlines jQuery and Mermaid instead).
/// </summary>
static class PlanView
{
    public static List<string> Lines(IReadOnlyList<ExecutableTarget> plan)
    {
        var width = plan.Max(t => t.Name.Length) + 2;
        var lines = new List<string> { $"Execution plan ({plan.Count} target{(plan.Count == 1 ? "" : "s")}):", "" };
        for (var i = 0; i < plan.Count; i++)
        {
            var target = plan[i];
            var why = target.PlanReason ?? "scheduled";
            if (target.Status == TargetStatus.Skipped || target.SkipReason != null)
                why += ", skipped: " + target.SkipReason;
            else if (target.Actions.Count == 0)
                why += " (collective: no actions)";
            lines.Add($"  {i + 1,2}. {target.Name.PadRight(width)}{why}");
        }
        return lines;
    }

    /// <summary>
    /// One edge per pair of targets, as NUKE draws it: an execution dependency wins over an ordering one, which wins
    /// over a trigger (Summary is both After and TriggeredBy DockerBuildx: one dashed arrow).
    /// </summary>
    public static List<(ExecutableTarget From, ExecutableTarget To, string Arrow)> Edges(IReadOnlyList<ExecutableTarget> targets)
    {
        var edges = new List<(ExecutableTarget, ExecutableTarget, string)>();
        foreach (var target in targets.OrderBy(t => t.Index))
        {
            var seen = new HashSet<ExecutableTarget>();
            foreach (var (from, arrow) in target.ExecutionDependencies.Select(d => (d, "-->"))
                         .Concat(target.OrderDependencies.Select(d => (d, "-.->")))
                         .Concat(target.TriggerDependencies.Select(d => (d, "==>"))))
                if (targets.Contains(from) && seen.Add(from)) edges.Add((from, target, arrow));
        }
        return edges;
    }

    /// <summary>The graph in Mermaid syntax: an arrow from prerequisite to dependent, bare names for loose targets.</summary>
    public static string Mermaid(IReadOnlyList<ExecutableTarget> targets)
    {
        var text = new StringBuilder("graph LR\n");
        var edges = Edges(targets);
        foreach (var target in targets.OrderBy(t => t.Index))
        {
            foreach (var (from, _, arrow) in edges.Where(e => e.To == target)) text.Append($"  {from.Name} {arrow} {target.Name}\n");
            if (!edges.Any(e => e.From == target || e.To == target)) text.Append($"  {target.Name}\n");
        }
        foreach (var target in targets.Where(t => t.Unlisted)) text.Append($"  class {target.Name} unlisted\n");
        return text.ToString();
    }

    /// <summary>
    /// Laid out by depth: a column per dependency depth, rows within a column ordered by where their prerequisites
    /// sit (fewer crossings). Arrows between neighbouring columns are straight; longer ones run in the gap above
    /// their source's row, so no arrow crosses a box.
    /// </summary>
    public static string Html(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> plan)
    {
        const int columnWidth = 220, rowHeight = 60, boxWidth = 160, boxHeight = 32, margin = 24;
        var edges = Edges(targets);
        var depth = new Dictionary<ExecutableTarget, int>();
        int Depth(ExecutableTarget t) => depth.TryGetValue(t, out var d) ? d
            : depth[t] = edges.Where(e => e.To == t).Select(e => Depth(e.From)).DefaultIfEmpty(-1).Max() + 1;
        var row = new Dictionary<ExecutableTarget, int>();
        foreach (var column in targets.OrderBy(t => t.Index).GroupBy(Depth).OrderBy(g => g.Key))
        {
            var ordered = column.OrderBy(t => edges.Where(e => e.To == t && row.ContainsKey(e.From)).Select(e => (double)row[e.From]).DefaultIfEmpty(double.MaxValue).Average())
                .ThenBy(t => t.Index).ToList();
            for (var i = 0; i < ordered.Count; i++) row[ordered[i]] = i;
        }
        (int X, int Y) At(ExecutableTarget t) => (margin + Depth(t) * columnWidth, margin + row[t] * rowHeight);
        var width = 2 * margin + depth.Values.DefaultIfEmpty(0).Max() * columnWidth + boxWidth;
        var height = 2 * margin + row.Values.DefaultIfEmpty(0).Max() * rowHeight + boxHeight;

        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#ccc\"/></marker></defs>");
        foreach (var (from, to, arrow) in edges)
        {
            var (x1, y1) = At(from);
            var (x2, y2) = At(to);
            var (startX, startY, endY) = (x1 + boxWidth, y1 + boxHeight / 2, y2 + boxHeight / 2);
            var gap = y1 - (rowHeight - boxHeight) / 2;
            var path = Depth(to) - Depth(from) == 1
                ? $"M{startX},{startY} L{x2},{endY}"
                : $"M{startX},{startY} L{startX + 20},{gap} L{x2 - 20},{gap} L{x2},{endY}";
            var style = arrow switch { "-->" => "stroke-width=\"1.5\"", "-.->" => "stroke-dasharray=\"4 4\"", _ => "stroke-width=\"4\"" };
            svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"#ccc\" {style} marker-end=\"url(#arrow)\"/>");
        }
        foreach (var target in targets)
        {
            var (x, y) = At(target);
            var fill = plan.Contains(target) ? (target.SkipReason != null ? "#6b5a1e" : "#b8860b") : target.Unlisted ? "#444" : "#2d4f73";
            svg.Append($"<g><title>{Encode(target.Description ?? target.Name)}</title><rect x=\"{x}\" y=\"{y}\" width=\"{boxWidth}\" height=\"{boxHeight}\" rx=\"6\" fill=\"{fill}\"/>")
               .Append($"<text x=\"{x + boxWidth / 2}\" y=\"{y + 21}\" text-anchor=\"middle\" fill=\"#fff\">{Encode(target.Name)}</text></g>");
        }
        svg.Append("</svg>");

        return $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Execution Plan</title>
            <style>body{"{"}background:#1e1e1e;color:#ddd;font-family:sans-serif{"}"} pre{"{"}background:#111;padding:1em{"}"}</style></head>
            <body>
            <h1>Execution Plan</h1>
            <p>Gold: in this run's plan ({Encode(string.Join(" → ", plan.Select(t => t.Name)))}); dark gold: skipped; grey: unlisted.
            Thin arrow: execution dependency, dashed: ordering, thick: trigger.</p>
            {svg}
            <h2>Mermaid source</h2>
            <pre class="mermaid">{Encode(Mermaid(targets))}</pre>
            </body></html>

            """;
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
