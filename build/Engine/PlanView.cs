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

    /// <summary>The graph in Mermaid syntax: an arrow from prerequisite to dependent, bare names for loose targets.</summary>
    public static string Mermaid(IReadOnlyList<ExecutableTarget> targets)
    {
        var text = new StringBuilder("graph LR\n");
        foreach (var target in targets.OrderBy(t => t.Index))
        {
            foreach (var dependency in target.ExecutionDependencies) text.Append($"  {dependency.Name} --> {target.Name}\n");
            foreach (var dependency in target.OrderDependencies) text.Append($"  {dependency.Name} -.-> {target.Name}\n");
            foreach (var dependency in target.TriggerDependencies) text.Append($"  {dependency.Name} ==> {target.Name}\n");
            if (!targets.Any(t => t.AllDependencies.Contains(target)) && !target.AllDependencies.Any()) text.Append($"  {target.Name}\n");
        }
        foreach (var target in targets.Where(t => t.Unlisted)) text.Append($"  class {target.Name} unlisted\n");
        return text.ToString();
    }

    public static string Html(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> plan)
    {
        const int columnWidth = 200, rowHeight = 56, boxWidth = 160, boxHeight = 32;
        var layer = new Dictionary<ExecutableTarget, int>();
        int Layer(ExecutableTarget t) => layer.TryGetValue(t, out var l) ? l
            : layer[t] = t.AllDependencies.Where(targets.Contains).Select(Layer).DefaultIfEmpty(-1).Max() + 1;
        var rows = targets.OrderBy(t => t.Index).GroupBy(Layer).ToDictionary(g => g.Key, g => g.ToList());
        (int X, int Y) At(ExecutableTarget t) => (20 + Layer(t) * columnWidth, 20 + rows[Layer(t)].IndexOf(t) * rowHeight);
        var width = 40 + (rows.Keys.DefaultIfEmpty(0).Max() + 1) * columnWidth;
        var height = 40 + rows.Values.Select(r => r.Count).DefaultIfEmpty(1).Max() * rowHeight;

        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#ccc\"/></marker></defs>");
        foreach (var target in targets)
        {
            var (x2, y2) = At(target);
            void Edge(ExecutableTarget from, string style)
            {
                var (x1, y1) = At(from);
                svg.Append($"<line x1=\"{x1 + boxWidth}\" y1=\"{y1 + boxHeight / 2}\" x2=\"{x2}\" y2=\"{y2 + boxHeight / 2}\" stroke=\"#ccc\" {style} marker-end=\"url(#arrow)\"/>");
            }
            target.ExecutionDependencies.Where(targets.Contains).ToList().ForEach(d => Edge(d, "stroke-width=\"1.5\""));
            target.OrderDependencies.Where(targets.Contains).ToList().ForEach(d => Edge(d, "stroke-dasharray=\"4 4\""));
            target.TriggerDependencies.Where(targets.Contains).ToList().ForEach(d => Edge(d, "stroke-width=\"4\""));
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
