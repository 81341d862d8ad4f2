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
/// The run's once-computed values, the run context. What takes I/O to find is resolved with <see cref="ResolveAsync{T}"/>
/// (by a target's <see cref="ITargetDefinition.Resolves"/>, before the targets run) and read with <see cref="Get{T}"/>;
/// pure values are computed on first use with <see cref="GetOrCompute{T}"/>. <see cref="TryGet{T}"/> reads a value
/// only if something already paid for it.
/// </summary>
public sealed class RunOnce
{
    readonly Dictionary<object, object> values = new();
    readonly Dictionary<object, object> resolving = new();
    readonly Lock gate = new();

    public T GetOrCompute<T>(Once<T> key, Func<T> compute) where T : class
    {
        if (TryGet(key) is { } known) return known;
        // Computed outside the lock; if two callers race, the first stored value wins.
        var value = compute();
        lock (gate) return (T)(values.TryAdd(key, value) ? value : values[key]);
    }

    /// <summary>
    /// Resolves <paramref name="key"/> once: the first caller starts <paramref name="resolve"/>, every caller awaits the
    /// same task, and its value is then what <see cref="Get{T}"/> reads. A failure is not kept: the next caller tries again.
    /// </summary>
    public async Task<T> ResolveAsync<T>(Once<T> key, Func<Task<T>> resolve) where T : class
    {
        Task<T> task;
        lock (gate)
        {
            if (values.TryGetValue(key, out var known)) return (T)known;
            if (resolving.TryGetValue(key, out var pending)) task = (Task<T>)pending;
            else resolving[key] = task = Task.Run(resolve);
        }
        try
        {
            var value = await task;
            lock (gate) values.TryAdd(key, value);
            return value;
        }
        finally
        {
            lock (gate) resolving.Remove(key);
        }
    }

    /// <summary>
    /// The resolved value. Reading one that no target resolved is a mistake in the build (a target reads it without
    /// declaring <see cref="ITargetDefinition.Resolves"/>), not the user's: it says which value and how to fix it.
    /// </summary>
    public T Get<T>(Once<T> key) where T : class =>
        TryGet(key) ?? throw new InvalidOperationException(
            $"{key.What} is read before it was resolved: the target that reads it declares .Resolves(...) for it, or awaits its Resolve...Async first.");

    public T? TryGet<T>(Once<T> key) where T : class
    {
        lock (gate) return values.TryGetValue(key, out var value) ? (T)value : null;
    }
}
