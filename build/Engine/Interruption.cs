namespace Engine;

/// <summary>
/// Ctrl-C and SIGTERM during one run. The first signal stops the running commands (their process groups),
/// skips every target that has not started and runs the assured ones (logout, staging cleanup); a second one
/// shortens that to the bare cleanup (targets marked <c>AssuredCleanup</c>); never to nothing. The run then
/// ends with one line "Interrupted by SIGTERM: ..." and 128 + the signal's number (130, 143).
/// </summary>
public sealed class Interruption
{
    readonly CancellationTokenSource first = new(), second = new();
    readonly object gate = new();

    internal Interruption() { }

    /// <summary>"SIGINT" or "SIGTERM" once a signal came; null before.</summary>
    internal string? Signal { get; private set; }

    /// <summary>Fires with the first signal: a target that can stop half-way (and undo what it did) watches this.</summary>
    internal CancellationToken Requested => first.Token;

    /// <summary>Fires with the second signal: only the bare cleanup still runs.</summary>
    internal bool Hurried => second.IsCancellationRequested;

    /// <summary>How many commands the first signal stopped.</summary>
    internal int CommandsStopped { get; private set; }

    internal int ExitCode => Signal == "SIGTERM" ? 143 : 130;

    /// <summary>
    /// Stops the commands running right now (SIGTERM, then a kill after the grace time) and says how many there
    /// were. The engine starts no processes; whatever starts them registers this (Tooling.ChildProcesses does).
    /// </summary>
    public static Func<TimeSpan, int> StopRunningCommands { get; set; } = _ => 0;

    /// <summary>Set while an <c>AssuredCleanup</c> target runs.</summary>
    internal volatile bool InCleanup;

    /// <param name="stopCommands">False for a test's in-process run: the commands of other tests are not its own.</param>
    internal void Raise(string signal, bool stopCommands)
    {
        bool isFirst;
        lock (gate)
        {
            isFirst = Signal is null;
            Signal ??= signal;
        }
        // A cleanup target's own commands (docker logout) are what the signal is waiting for: never stopped.
        var stopped = stopCommands && !InCleanup ? StopRunningCommands(TimeSpan.FromSeconds(isFirst ? 5 : 1)) : 0;
        if (isFirst)
        {
            CommandsStopped = stopped;
            Log.Warning($"{signal} received: stopping {stopped} running command(s), skipping what has not started, then cleaning up (a second signal shortens the cleanup).");
            first.Cancel();
        }
        else
        {
            Log.Warning($"{signal} received again: only the bare cleanup runs now.");
            second.Cancel();
        }
    }
}
