namespace Engine;

/// <summary>
/// The environment snapshot of the run the calling code belongs to (null outside a run), for whatever starts child
/// processes: a command gets the run's variables, so a test's in-process run drives its commands as a real run does.
/// The engine starts no processes; Tooling.ToolRunner reads this (as it registers <see cref="Interruption.StopRunningCommands"/>).
/// </summary>
public static class RunVariables
{
    static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> current = new();

    public static IReadOnlyDictionary<string, string?>? Current
    {
        get => current.Value;
        internal set => current.Value = value;
    }
}
