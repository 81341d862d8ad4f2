namespace Engine;

/// <summary>
/// Values that targets hand to later targets in the same run (the Tag result, the pushed digest, ...).
/// Component interfaces cannot hold fields, so they keep their results here, one value per type.
/// </summary>
public sealed class BuildState
{
    readonly Dictionary<Type, object> values = new();

    public void Set<T>(T value) where T : class => values[typeof(T)] = value;

    public T? TryGet<T>() where T : class => values.TryGetValue(typeof(T), out var value) ? (T)value : null;

    public T Get<T>() where T : class =>
        TryGet<T>() ?? throw new InvalidOperationException($"No {typeof(T).Name} has been produced yet; a target that makes it must run first.");
}
