using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tooling;

/// <summary>
/// The commands running right now, each the leader of its own process group (started through <c>setsid</c>), so an
/// interrupted build can stop a command together with what it started (docker runs buildx as a plugin process).
/// </summary>
internal static class ChildProcesses
{
    static readonly HashSet<int> running = new();
    /// <summary>Commands an interruption only signals (each time), never kills: they clean up after themselves.</summary>
    static readonly HashSet<int> neverKilled = new();
    static readonly string? Setsid = OperatingSystem.IsLinux() ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists) : null;

    // The engine's interruption stops what this class tracks; registered as soon as the build assembly loads.
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void RegisterWithEngine() => Engine.Interruption.StopRunningCommands = StopAll;

    public static int Count { get { lock (running) return running.Count; } }

    /// <summary>The command as started: under <c>setsid --wait</c> where there is one (Linux), else as it is.</summary>
    public static ToolCommand InOwnGroup(ToolCommand command) =>
        Setsid is null ? command : command with { Executable = Setsid, Arguments = ["--wait", command.Executable, .. command.Arguments] };

    internal static void Add(int pid, bool killable = true)
    {
        lock (running)
        {
            running.Add(pid);
            if (!killable) neverKilled.Add(pid);
        }
    }

    internal static void Remove(int pid)
    {
        lock (running)
        {
            running.Remove(pid);
            neverKilled.Remove(pid);
        }
    }

    /// <summary>
    /// Asks every running command's process group to stop (SIGTERM), and kills what is left after
    /// <paramref name="grace"/> (except commands added as not killable). Returns how many commands were running.
    /// </summary>
    public static int StopAll(TimeSpan grace)
    {
        int[] pids;
        lock (running) pids = running.ToArray();
        return Stop(pids, grace);
    }

    /// <summary>As <see cref="StopAll"/>, for <paramref name="pids"/> only (a test stops its own command, not another test's).</summary>
    internal static int Stop(int[] pids, TimeSpan grace)
    {
        foreach (var pid in pids) Signal(pid, Sigterm);
        if (pids.Length == 0) return 0;
        _ = Task.Run(async () =>
        {
            await Task.Delay(grace);
            int[] left;
            lock (running) left = pids.Where(pid => running.Contains(pid) && !neverKilled.Contains(pid)).ToArray();
            foreach (var pid in left) Signal(pid, Sigkill);
        });
        return pids.Length;
    }

    const int Sigterm = 15, Sigkill = 9;

    static void Signal(int pid, int signal)
    {
        if (Setsid is not null && kill(-pid, signal) == 0) return;
        // No process group of its own (no setsid): the process and its descendants, as .NET finds them.
        try { using var process = Process.GetProcessById(pid); if (signal == Sigkill) process.Kill(entireProcessTree: true); else kill(pid, signal); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for one int-only call.
    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
