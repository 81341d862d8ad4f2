using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.Design;

/// <summary>
/// Where the build may touch the process: the environment is read once, by the run's snapshot (components get it as
/// <c>EnvironmentVariables</c>), except a few tool lookups; every child process starts in the tool runner (its
/// interrupt handling, its process groups); every git command is built in Git/ (the same LC_ALL=C and no prompts);
/// only the engine's executor waits on a task (what a target reads is resolved before it runs, or awaited in it).
/// </summary>
public partial class ProcessRulesTests
{
    /// <summary>The run's environment snapshot: the one file that reads the whole environment.</summary>
    const string Snapshot = "Engine/RunEnvironment.cs";
    /// <summary>The one file that starts processes.</summary>
    const string ToolRunner = "Tooling/ToolRunner.cs";
    const string GitFolder = "Git/";
    /// <summary>The engine's executor (a synchronous Main, as NUKE's) is the one place that waits on a task.</summary>
    static readonly HashSet<string> TaskWaiters = ["Engine/BuildExecutor.cs", "Engine/BackgroundWork.cs"];

    /// <summary>Where tools are, read where the tool is run: not the run's inputs, so not part of the snapshot's contract.</summary>
    static readonly HashSet<string> ToolLookups = ["PATH", "DOCKER_CONFIG", "BUILDX_CONFIG", "RUNNER_TEMP", "NUGET_PACKAGES", "DOTNET_EXE"];

    /// <summary>What breaks a rule in one file of build/ (path relative to build/, '/' separated): one line per finding.</summary>
    public static IEnumerable<string> Violations(string path, string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var code = Code(lines[i]);
            if (code.Length == 0) continue;
            var at = $"build/{path}:{i + 1}";
            if (path != Snapshot)
            {
                foreach (Match read in EnvironmentRead().Matches(code))
                    if (read.Groups["name"] is not { Success: true } name || !ToolLookups.Contains(name.Value))
                        yield return $"{at} reads the process environment ({read.Value.Trim()}): use the run's EnvironmentVariables";
                foreach (Match read in WholeEnvironmentRead().Matches(code))
                    yield return $"{at} reads the process environment ({read.Value}): use the run's EnvironmentVariables";
            }
            if (path != ToolRunner)
                foreach (Match start in ProcessStart().Matches(code))
                    yield return $"{at} starts a process ({start.Value.Trim()}): run it through Tooling.ToolRunner";
            if (!TaskWaiters.Contains(path))
                foreach (Match wait in TaskWait().Matches(code))
                    yield return $"{at} waits on a task ({wait.Value.Trim()}): resolve it before the targets run (.Resolves) or await it in the target";
            if (!path.StartsWith(GitFolder, StringComparison.Ordinal))
                foreach (Match git in GitExecutable().Matches(code))
                    yield return $"{at} names the git executable ({git.Value}): build the command in Git/GitCommands";
        }
    }

    /// <summary>A line without a comment that fills it (// and ///): documentation may name what code must not call.</summary>
    static string Code(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : line;

    /// <summary>One variable: its name when it is a string literal (a method group or an expression has none).</summary>
    [GeneratedRegex("""\bGetEnvironmentVariable\b(\s*\(\s*"(?<name>[^"]*)"\s*\))?""")]
    private static partial Regex EnvironmentRead();

    [GeneratedRegex(@"\b(GetEnvironmentVariables|ExpandEnvironmentVariables)\b")]
    private static partial Regex WholeEnvironmentRead();

    [GeneratedRegex(@"\bProcess\.Start\b|\bnew\s+Process\s*\(|\bProcessStartInfo\b|\bCli\.Wrap\b")]
    private static partial Regex ProcessStart();

    [GeneratedRegex(@"\.GetAwaiter\(\)\s*\.GetResult\(\)|\.Wait\(\)")]
    private static partial Regex TaskWait();

    [GeneratedRegex(@"""([^""\s]*/)?git(\.exe)?""")]
    private static partial Regex GitExecutable();

    [Fact]
    public void The_build_follows_the_process_rules()
    {
        var files = BuildSources.Files().ToList();
        Assert.Contains(files, f => f.Path == Snapshot);
        Assert.Contains(files, f => f.Path == ToolRunner);
        Assert.True(files.Count > 100, $"only {files.Count} files under build/");
        var violations = files.SelectMany(f => Violations(f.Path, f.Source)).ToList();
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [InlineData("Versioning/GitVersionTool.cs", "var ci = Environment.GetEnvironmentVariable(\"GITHUB_ACTIONS\");")]
    [InlineData("Versioning/GitVersionTool.cs", "Locate(Environment.GetEnvironmentVariable, home);")]
    [InlineData("Docker/Login.cs", "var name = \"PATH\"; var path = Environment.GetEnvironmentVariable(name);")]
    [InlineData("Components/ITag.cs", "foreach (DictionaryEntry e in Environment.GetEnvironmentVariables()) { }")]
    [InlineData("Docker/DockerConfigFile.cs", "var home = Environment.ExpandEnvironmentVariables(\"%HOME%\");")]
    [InlineData("Build.MlflowVersions.cs", "using var process = Process.Start(start);")]
    [InlineData("Build.MlflowVersions.cs", "var start = new ProcessStartInfo(executable);")]
    [InlineData("Docker/BuilderProbe.cs", "using var p = new Process();")]
    [InlineData("Smoke/LocalSmokeServices.cs", "var command = Cli.Wrap(s3Server);")]
    [InlineData("Tooling/ChildProcesses.cs", "Process.Start(\"kill\");")]
    [InlineData("Versioning/ThrowawayClone.cs", "await ToolRunner.RunAsync(new ToolCommand(\"git\", arguments));")]
    [InlineData("Docker/SourceDate.cs", "new ToolCommand(\"/usr/bin/git\", [\"log\"])")]
    [InlineData("Registry/DockerCredentials.cs", "FindAsync(registry, environment).GetAwaiter().GetResult();")]
    [InlineData("Components/IHazImage.cs", "string Name => LoadAsync().GetAwaiter() .GetResult();")]
    public void A_break_of_a_rule_is_found(string path, string line)
    {
        var found = Violations(path, $"namespace X;\n\n{line}\n").ToList();
        Assert.Single(found);
        Assert.StartsWith($"build/{path}:3 ", found[0]);
    }

    [Theory]
    [InlineData("Engine/RunEnvironment.cs", "var all = Environment.GetEnvironmentVariables();")]
    [InlineData("Engine/RunEnvironment.cs", "var term = Environment.GetEnvironmentVariable(name);")]
    [InlineData("Docker/BuilderProbe.cs", "(System.Environment.GetEnvironmentVariable(\"PATH\") ?? \"\")")]
    [InlineData("Engine/RunTemporaryDirectory.cs", "Environment.GetEnvironmentVariable( \"RUNNER_TEMP\" ) is { Length: > 0 } runner")]
    [InlineData("Tooling/ToolRunner.cs", "process = Process.Start(start);")]
    [InlineData("Git/GitCommands.cs", "new(\"git\", [\"-C\", directory, .. arguments])")]
    [InlineData("Components/ITag.cs", "/// Reads GITHUB_REF from EnvironmentVariables, never Environment.GetEnvironmentVariable(\"GITHUB_REF\").")]
    [InlineData("Components/ITag.cs", "var rule = \"gitversion\"; var host = \"github.com\"; var name = \".gitignore\";")]
    public void What_the_rules_allow_is_not_a_finding(string path, string line) =>
        Assert.Empty(Violations(path, $"namespace X;\n\n{line}\n"));
}
