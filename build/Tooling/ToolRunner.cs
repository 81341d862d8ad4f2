using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Tooling;

/// <summary>Runs a <see cref="ToolCommand"/>, logging "&gt; command" and its output through the (masking) log.</summary>
public static class ToolRunner
{
    /// <summary>
    /// Runs and returns the result; a non-zero exit is the caller's to judge. <paramref name="outputPrefix"/> marks each
    /// echoed line (e.g. "[linux/arm64]") when several commands run at once.
    /// </summary>
    public static async Task<ToolResult> RunAsync(ToolCommand command, bool echoOutput = true, CancellationToken cancellationToken = default, string? outputPrefix = null)
    {
        Log.Information((outputPrefix is null ? "" : $"[{outputPrefix}] ") + "> " + command);
        void Echo(string line) { if (echoOutput) Log.Debug(outputPrefix is null ? line : $"[{outputPrefix}] {line}"); }
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var cli = Cli.Wrap(command.Executable)
            .WithArguments(command.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(command.Environment.ToDictionary(p => p.Key, p => p.Value))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => { stdout.AppendLine(line); Echo(line); }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => { stderr.AppendLine(line); Echo(line); }));
        if (command.WorkingDirectory is { } directory) cli = cli.WithWorkingDirectory(directory);
        if (command.StandardInput is { } input) cli = cli.WithStandardInputPipe(PipeSource.FromString(input));
        try
        {
            var result = await cli.ExecuteAsync(cancellationToken);
            return new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildError($"Could not start '{command.Executable}': {e.Message}. Is it installed and on PATH?", e);
        }
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
