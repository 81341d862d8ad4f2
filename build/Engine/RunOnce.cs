namespace Engine;

/// <summary>
/// A value computed at most once per run (the GitHub context, GitVersion's version, the docker CLI), declared
/// as a key next to the computation: <c>static readonly Once&lt;GitHubContext&gt; GitHubContextOnce = new("the GitHub context");</c>.
/// </summary>
public sealed class Once<T>(string What) where T : class
{
    // A class, not a record: each declaration is its own key.
    public string What { get; } = What;
    public override string ToString() => What;
}

/// <summary>
/// The run's once-computed values. <see cref="GetOrCompute{T}"/> runs the computation on the first call and hands
/// every later caller the same value; <see cref="TryGet{T}"/> reads it only if something already paid for it.
/// </summary>
public sealed class RunOnce
{
    readonly Dictionary<object, object> values = new();
    readonly Lock gate = new();

    public T GetOrCompute<T>(Once<T> key, Func<T> compute) where T : class
    {
        if (TryGet(key) is { } known) return known;
        // Computed outside the lock (it may run a process); if two callers race, the first stored value wins.
        var value = compute();
        lock (gate) return (T)(values.TryAdd(key, value) ? value : values[key]);
    }

    public T? TryGet<T>(Once<T> key) where T : class
    {
        lock (gate) return values.TryGetValue(key, out var value) ? (T)value : null;
    }
}
