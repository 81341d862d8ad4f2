using System.Collections;

namespace Engine;

/// <summary>What one run reads from the outside: arguments, environment, working directory, where output goes.</summary>
sealed record RunEnvironment(IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, TextWriter Output, bool Colours)
{
    public static RunEnvironment FromProcess(string[] args)
    {
        var variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        var term = variables.GetValueOrDefault("TERM") ?? "";
        var colours = variables.ContainsKey("GITHUB_ACTIONS") || (!Console.IsOutputRedirected && term.StartsWith("xterm"));
        return new RunEnvironment(args, variables, Directory.GetCurrentDirectory(), Console.Out, colours);
    }
}
