using System.Text.RegularExpressions;
using Tooling;

namespace Versioning;

/// <summary>Turns a failed GitVersion run (log lines, exception text, stack traces) into one line for the user.</summary>
internal static class GitVersionFailure
{
    static readonly Regex ExceptionType = new(@"^(Unhandled exception\.\s*)?([\w.]+Exception:\s*)?", RegexOptions.CultureInvariant);

    public static string Describe(ToolResult result)
    {
        var output = ToolResult.Lines(result.StandardOutput);
        // GitVersion logs "ERROR [time] An unexpected error occurred:" and the exception on the next line.
        var error = Array.FindIndex(output, line => line.StartsWith("ERROR", StringComparison.Ordinal));
        if (error >= 0)
        {
            var message = output[error][(output[error].IndexOf("] ", StringComparison.Ordinal) is var at and >= 0 ? at + 2 : 0)..];
            return message.EndsWith(':') && error + 1 < output.Length ? Clean(output[error + 1]) : message;
        }
        return ToolResult.Lines(result.StandardError).FirstOrDefault() is { } first ? Clean(first) : $"exit code {result.ExitCode}";
    }

    static string Clean(string line) => ExceptionType.Replace(line, "").Trim();
}
