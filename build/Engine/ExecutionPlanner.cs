namespace Engine;

/// <summary>
/// NUKE's planner: pick targets from the end of the dependency graph in declaration order, keeping the invoked
/// (or default) ones and the execution dependencies of kept ones, then add what kept targets trigger until stable.
/// </summary>
static class ExecutionPlanner
{
    public static List<ExecutableTarget> Plan(IReadOnlyList<ExecutableTarget> all, IReadOnlyCollection<ExecutableTarget> invoked)
    {
        CheckForCycles(all);
        var roots = invoked.Count > 0 ? invoked.ToList() : all.Where(t => t.IsDefault).ToList();
        foreach (var target in all)
        {
            target.Invoked = invoked.Contains(target);
            target.PlanReason = target.Invoked ? "invoked" : target.IsDefault && invoked.Count == 0 ? "default target" : null;
        }
        while (true)
        {
            var plan = Select(all, roots);
            var triggered = plan.SelectMany(t => t.Triggers.Select(triggered => (Source: t, Target: triggered)))
                .Where(p => !plan.Contains(p.Target)).ToList();
            if (triggered.Count == 0) return plan;
            foreach (var (source, target) in triggered.DistinctBy(p => p.Target))
            {
                target.PlanReason ??= $"triggered by {source.Name}";
                roots.Add(target);
            }
        }
    }

    static List<ExecutableTarget> Select(IReadOnlyList<ExecutableTarget> all, List<ExecutableTarget> roots)
    {
        var remaining = all.OrderBy(t => t.Index).ToList();
        var kept = new List<ExecutableTarget>();
        while (remaining.Count > 0)
        {
            var next = remaining.First(t => !remaining.Any(other => other.AllDependencies.Contains(t)));
            remaining.Remove(next);
            var dependent = kept.FirstOrDefault(k => k.ExecutionDependencies.Contains(next));
            if (!roots.Contains(next) && dependent == null) continue;
            next.PlanReason ??= $"dependency of {dependent!.Name}";
            kept.Add(next);
        }
        kept.Reverse();
        return kept;
    }

    /// <summary>Strongly connected components of the dependency graph; any with two or more targets is a cycle.</summary>
    static void CheckForCycles(IReadOnlyList<ExecutableTarget> all)
    {
        var cycles = GraphCycles.Find(all, t => t.AllDependencies.Where(all.Contains)).Select(c => c.OrderBy(t => t.Index).ToList()).ToList();
        if (cycles.Count > 0)
            throw new BuildError("Circular dependencies between targets: " +
                string.Join("; ", cycles.Select(c => string.Join(", ", c.Select(t => t.Name)))));
    }
}
