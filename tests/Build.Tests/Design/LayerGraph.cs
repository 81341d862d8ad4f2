namespace Build.Tests.Design;

/// <summary>Cycles in a directed graph of names.</summary>
public static class LayerGraph
{
    /// <summary>
    /// One cycle per strongly connected part of the graph (Tarjan), as the path from its first name (in ordinal
    /// order) back to itself, e.g. [Git, GitHub, Git]; none when the graph is acyclic.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.Where(e => e.From != e.To).Distinct().GroupBy(e => e.From)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var parts = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
                if (!index.ContainsKey(to)) { Visit(to); low[node] = Math.Min(low[node], low[to]); }
                else if (stack.Contains(to)) low[node] = Math.Min(low[node], index[to]);
            if (low[node] != index[node]) return;
            var part = new List<string>();
            string member;
            do { member = stack.Pop(); part.Add(member); } while (member != node);
            if (part.Count > 1) parts.Add(part);
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n))) Visit(node);
        return parts.Select(part => PathBack(part.Order(StringComparer.Ordinal).First(), part.ToHashSet(), next))
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
