namespace Engine;

/// <summary>The cycles of a directed graph: its strongly connected parts of two or more nodes (Tarjan).</summary>
static class GraphCycles
{
    /// <summary>Each part whose nodes all reach one another, in the order the search closed them; none when acyclic.</summary>
    public static List<List<T>> Find<T>(IEnumerable<T> nodes, Func<T, IEnumerable<T>> next) where T : notnull
    {
        var index = new Dictionary<T, int>();
        var low = new Dictionary<T, int>();
        var stack = new Stack<T>();
        var cycles = new List<List<T>>();

        void Visit(T node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next(node))
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                    low[node] = Math.Min(low[node], index[to]);
            }
            if (low[node] != index[node]) return;
            var part = new List<T>();
            T member;
            do part.Add(member = stack.Pop());
            while (!EqualityComparer<T>.Default.Equals(member, node));
            if (part.Count > 1) cycles.Add(part);
        }

        foreach (var node in nodes)
            if (!index.ContainsKey(node)) Visit(node);
        return cycles;
    }
}
