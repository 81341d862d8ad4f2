using System.Collections;
using System.Runtime.InteropServices;

namespace Engine;

/// <summary>What one run reads from the outside: arguments, environment, working directory, where output goes.</summary>
sealed record RunEnvironment(IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, TextWriter Output, bool Colours)
{
    /// <summary>Ctrl-C/SIGTERM of this run (see <see cref="Engine.Interruption"/>).</summary>
    public Interruption Interruption { get; init; } = new();

    /// <summary>A test's stand-in for Ctrl-C: cancelling it raises SIGINT without stopping any process.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The directory of the build project (the first one above the build assembly holding one *.csproj).
    /// Only a root containing it gets the schema and CI files created (NUKE creates them in any root).
    /// </summary>
    public string? BuildProjectDirectory { get; init; }

    /// <summary>Reads a password from the console without echo; null when input is redirected or on CI (nobody to ask).</summary>
    public Func<string, string?>? PromptPassword { get; init; }

    /// <summary>Columns --help wraps at: NUKE's min(console width, 90), 80 when the output is redirected.</summary>
    public int Width { get; init; } = 80;
    /// <summary>Kept alive for the process: disposing them would unregister the handlers.</summary>
    static PosixSignalRegistration[] Registrations = [];

    public static RunEnvironment FromProcess(string[] args)
    {
        var variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        var term = variables.GetValueOrDefault("TERM") ?? "";
        var colours = variables.ContainsKey("GITHUB_ACTIONS") || (!Console.IsOutputRedirected && term.StartsWith("xterm"));
        return new RunEnvironment(args, variables, Directory.GetCurrentDirectory(), Console.Out, colours)
        {
            Interruption = Signals(),
            BuildProjectDirectory = FindProjectDirectory(AppContext.BaseDirectory),
            PromptPassword = Console.IsInputRedirected || variables.ContainsKey("CI") || variables.ContainsKey("GITHUB_ACTIONS") ? null : ReadPassword,
            Width = Console.IsOutputRedirected ? 80 : Math.Min(ConsoleWidth(), 90),
        };
    }

    static int ConsoleWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    static string? ReadPassword(string prompt)
    {
        Console.Error.Write(prompt + " ");
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; }
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        Console.Error.WriteLine();
        return password.ToString();
    }

    static string? FindProjectDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
            if (directory.GetFiles("*.csproj").Length == 1)
                return directory.FullName;
        return null;
    }

    /// <summary>
    /// SIGINT and SIGTERM never end the process: each becomes an <see cref="Engine.Interruption"/>, so the logout and
    /// the staging cleanup still run (the Actions runner sends SIGINT, then SIGTERM, on cancel).
    /// </summary>
    static Interruption Signals()
    {
        var interruption = new Interruption();
        Registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; interruption.Raise("SIGINT", stopCommands: true); }),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; interruption.Raise("SIGTERM", stopCommands: true); }),
        ];
        return interruption;
    }
}
