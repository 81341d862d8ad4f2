using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Tooling;

/// <summary>Runs a <see cref="ToolCommand"/>, logging "&gt; command" and its output through the (masking) log.</summary>
internal static class ToolRunner
{
    /// <summary>
    /// Runs and returns the result; a non-zero exit is the caller's to judge. <paramref name="outputPrefix"/> marks each
    /// echoed line (e.g. "[linux/arm64]") when several commands run at once.
    /// </summary>
    /// <param name="explain">Turns a known alarming output line into what it means (null: echo it as it is).</param>
    /// <param name="onLine">Sees every output line (either stream) as it comes, e.g. to act on progress before the end.</param>
    public static async Task<ToolResult> RunAsync(ToolCommand command, bool echoOutput = true, CancellationToken cancellationToken = default, string? outputPrefix = null,
        Func<string, string?>? explain = null, Action<string>? onLine = null)
    {
        // Commands run while reading defaults before the first target (git for the image name) are detail, not news.
        Log.Write(Log.OutsideTargets || command.Quiet ? LogLevel.Verbose : LogLevel.Information, (outputPrefix is null ? "" : $"[{outputPrefix}] ") + "> " + command);
        void Echo(string line)
        {
            onLine?.Invoke(line);
            if (!echoOutput) return;
            var meaning = explain?.Invoke(line);
            Log.Write(meaning is null ? LogLevel.Debug : LogLevel.Information, (outputPrefix is null ? "" : $"[{outputPrefix}] ") + (meaning ?? line));
        }
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var started = ChildProcesses.InOwnGroup(command);
        var cli = Cli.Wrap(started.Executable)
            .WithArguments(started.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(EnvironmentOf(command))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => { stdout.AppendLine(line); Echo(line); }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => { stderr.AppendLine(line); Echo(line); }));
        if (command.WorkingDirectory is { } directory) cli = cli.WithWorkingDirectory(directory);
        if (command is { StandardInput: not null, SecretInput: not null })
            throw new ArgumentException($"'{command.Executable}' has two standard inputs: StandardInput and SecretInput.", nameof(command));
        // The one place a secret on stdin is revealed: as the child reads it.
        if ((command.SecretInput?.Reveal() ?? command.StandardInput) is { } input) cli = cli.WithStandardInputPipe(PipeSource.FromString(input));
        try
        {
            var task = cli.ExecuteAsync(cancellationToken);
            ChildProcesses.Add(task.ProcessId);
            try
            {
                var result = await task;
                return new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
            }
            finally { ChildProcesses.Remove(task.ProcessId); }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildError($"Could not start '{command.Executable}': {e.Message}. Is it installed and on PATH?", e);
        }
    }

    /// <summary>
    /// Runs a command that owns this process's console (a run of this build): its output, colours and prompts go
    /// straight to the terminal, as its own. An interruption signals it each time and never kills it, because it
    /// cleans up after itself (logout, staging tags). Its command line is not logged: it may carry a secret
    /// parameter this run never read, so never masked. Returns the exit code.
    /// </summary>
    public static async Task<int> RunAttachedAsync(ToolCommand command)
    {
        var started = ChildProcesses.InOwnGroup(command);
        var start = new ProcessStartInfo(started.Executable) { UseShellExecute = false, WorkingDirectory = command.WorkingDirectory ?? "" };
        foreach (var argument in started.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in EnvironmentOf(command))
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BuildError($"Could not start '{command.Executable}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildError($"Could not start '{command.Executable}': {e.Message}.", e);
        }
        using (process)
        {
            ChildProcesses.Add(process.Id, killable: false);
            try
            {
                await process.WaitForExitAsync(CancellationToken.None);
                return process.ExitCode;
            }
            finally { ChildProcesses.Remove(process.Id); }
        }
    }

    /// <summary>
    /// What a command's process gets on top of this process's environment: the run's snapshot (the same variables, from
    /// a real run; a test's own, from an in-process run), then the command's own (null removes a variable), then its
    /// secrets, revealed here as they go to the child.
    /// </summary>
    internal static Dictionary<string, string?> EnvironmentOf(ToolCommand command)
    {
        var variables = new Dictionary<string, string?>(RunVariables.Current ?? new Dictionary<string, string?>());
        foreach (var (name, value) in command.Environment) variables[name] = value;
        foreach (var (name, secret) in command.SecretEnvironment) variables[name] = secret.Reveal();
        return variables;
    }

    /// <summary>Runs and throws a <see cref="BuildError"/> naming the command and its last error line when it fails.</summary>
    public static async Task<ToolResult> RunCheckedAsync(ToolCommand command, bool echoOutput = true, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(command, echoOutput, cancellationToken);
        if (result.Succeeded) return result;
        var last = ToolResult.Lines(result.StandardError).LastOrDefault() ?? ToolResult.Lines(result.StandardOutput).LastOrDefault() ?? "no output";
        throw new BuildError($"'{command.Executable} {string.Join(' ', command.Arguments.Take(2))}' failed with exit code {result.ExitCode}: {Log.Mask(last)}");
    }
}
