namespace Engine;

/// <summary>
/// Work a target leaves running when it ends, because nothing later in the run waits for it (tidying the local
/// image store while the next target talks to the registry). The run waits for all of it before the first cleanup
/// target and before it reports; a failure there is a warning naming the work, not a failed target.
/// </summary>
public sealed class BackgroundWork
{
    readonly List<(string What, Task Work)> running = [];
    readonly Lock gate = new();

    /// <summary>Starts <paramref name="work"/> now (its first steps run on the caller's thread) and lets the target go on.</summary>
    public void Start(string what, Func<Task> work)
    {
        Task task;
        try { task = work(); }
        catch (Exception e) { task = Task.FromException(e); }
        lock (gate) running.Add((what, task));
    }

    /// <summary>Waits for everything started so far; each failure is logged as a warning.</summary>
    internal void WaitAll()
    {
        List<(string What, Task Work)> started;
        lock (gate) { started = [.. running]; running.Clear(); }
        foreach (var (what, work) in started)
        {
            try { work.GetAwaiter().GetResult(); }
            catch (Exception e) { Log.Warning($"{what} did not finish: {(e as BuildError ?? e.InnerException as BuildError)?.Message ?? e.Message}"); }
        }
    }
}
