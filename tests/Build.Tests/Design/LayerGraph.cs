namespace Build.Tests.Design;

/// <summary>Cycles in a directed graph of names.</summary>
public static class LayerGraph
{
    /// <summary>
    /// One cycle per strongly connected part of the graph (<see cref="GraphCycles"/>), as the path from its first name
    /// (in ordinal order) back to itself, e.g. [Git, GitHub, Git]; none when the graph is acyclic.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.Where(e => e.From != e.To).Distinct().GroupBy(e => e.From)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal);
        return GraphCycles.Find(nodes, n => next.GetValueOrDefault(n) ?? [])
            .Select(part => PathBack(part.Order(StringComparer.Ordinal).First(), part.ToHashSet(), next))
            .OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    // Breadth first inside the part: the shortest way from start back to itself.
    static IReadOnlyList<string> PathBack(string start, HashSet<string> part, Dictionary<string, List<string>> next)
    {
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var to in (next.GetValueOrDefault(node) ?? []).Where(part.Contains))
            {
                if (to == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = cameFrom[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }
                if (cameFrom.TryAdd(to, node)) queue.Enqueue(to);
            }
        }
        throw new InvalidOperationException($"{start} is in a cycle but has no way back to itself.");
    }
}
