namespace Engine;

/// <summary>
/// One result a target hands to later targets, declared once next to the target that produces it, e.g.
/// <c>static readonly Result&lt;MetadataOutput&gt; TagOutput = new(nameof(Tag), "the tags and labels");</c>.
/// The declaration is the key; the value lives in the build's <see cref="TargetResults"/>, so parallel builds never share it.
/// </summary>
/// <param name="Producer">The target (or targets) that write it: named in the error when it is missing.</param>
/// <param name="What">What it holds, for that error.</param>
/// <param name="Changes">
/// Written by several targets in turn (a record of what the run still owns, not a one-off result); otherwise a
/// second write is a bug.
/// </param>
public sealed class Result<T>(string Producer, string What, bool Changes = false) where T : class
{
    // A class, not a record: each declaration is its own key even if two read alike.
    public string Producer { get; } = Producer;
    public string What { get; } = What;
    public bool Changes { get; } = Changes;

    public override string ToString() => $"{What} (from {Producer})";
}

/// <summary>
/// What the targets of this run produced for later ones. A target writes its result once
/// (<see cref="Set{T}"/>); a consumer that cannot go on without it calls <see cref="Get{T}"/>, one that has a fallback
/// (the producer was skipped, or --continue did not rerun it) calls <see cref="TryGet{T}"/>.
/// </summary>
public sealed class TargetResults
{
    readonly Dictionary<object, object> values = new();
    readonly Lock gate = new();

    public void Set<T>(Result<T> slot, T value) where T : class
    {
        lock (gate)
        {
            if (!slot.Changes && values.ContainsKey(slot))
                throw new InvalidOperationException($"{slot} was already produced in this run; a result is written once.");
            values[slot] = value;
        }
    }

    public T? TryGet<T>(Result<T> slot) where T : class
    {
        lock (gate) return values.TryGetValue(slot, out var value) ? (T)value : null;
    }

    public T Get<T>(Result<T> slot) where T : class =>
        TryGet(slot) ?? throw new InvalidOperationException($"No {slot.What}: {slot.Producer} has not produced it in this run; that target must run first.");
}
