using Tooling;

namespace Build.Tests.Processes;

/// <summary>The tool runner with real processes: exit codes, environment, and how an interruption stops a command.</summary>
public class ToolRunnerTests
{
    [Fact]
    public async Task An_attached_command_gets_its_own_variables_and_its_exit_code_comes_back()
    {
        var command = new ToolCommand("sh", ["-c", "[ -z \"$HOME\" ] && exit \"$CODE\"; exit 1"])
        {
            Environment = new Dictionary<string, string?> { ["CODE"] = "3", ["HOME"] = null },
        };
        Assert.Equal(3, await ToolRunner.RunAttachedAsync(command));
    }

    [Fact]
    public async Task Secrets_reach_the_child_on_stdin_and_in_its_environment_and_the_log_shows_stars()
    {
        var (input, variable) = ($"stdin-{Guid.NewGuid():N}", $"variable-{Guid.NewGuid():N}");
        var command = new ToolCommand("sh", ["-c", "read line; echo \"in:$line\"; echo \"env:$SECRET_VARIABLE\""])
        {
            SecretInput = new Secret(input),
            SecretEnvironment = new Dictionary<string, Secret> { ["SECRET_VARIABLE"] = new Secret(variable) },
        };
        var writer = new StringWriter();
        var previous = Log.Sink;
        Log.Sink = new LogSink(writer, LogLevel.Debug, gitHubActions: false, colours: false);
        ToolResult result;
        try { result = await ToolRunner.RunAsync(command); }
        finally { Log.Sink = previous; }
        Assert.Equal($"in:{input}\nenv:{variable}\n", result.StandardOutput);
        Assert.Contains("in:***", writer.ToString());
        Assert.Contains("env:***", writer.ToString());
        Assert.DoesNotContain(input, writer.ToString());
        Assert.DoesNotContain(variable, writer.ToString());
    }

    [Fact]
    public async Task A_command_with_two_standard_inputs_is_a_bug() =>
        await Assert.ThrowsAsync<ArgumentException>(() => ToolRunner.RunAsync(new ToolCommand("true", []) { StandardInput = "a", SecretInput = new Secret("two-inputs-secret") }));

    [Fact]
    public async Task An_attached_command_that_cannot_start_fails_without_a_stack_trace()
    {
        // Under setsid the start succeeds and setsid's exec fails (127); without it Process.Start fails (a BuildError).
        try { Assert.NotEqual(0, await ToolRunner.RunAttachedAsync(new ToolCommand("/nonexistent/tool", []))); }
        catch (BuildError error) { Assert.StartsWith("Could not start '/nonexistent/tool'", error.Message); }
    }

    [SkippableFact]
    public async Task An_attached_command_is_signalled_at_each_interruption_and_never_killed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "process groups through setsid");
        using var trace = new Trace();
        // A run of the build: the first SIGTERM starts its cleanup (longer than the grace), the second shortens it.
        var script = "echo $$ > \"$F\"; n=0; trap 'n=$((n+1)); echo term >> \"$F\"; [ $n -ge 2 ] && exit 5' TERM; while :; do sleep 0.05; done";
        var run = ToolRunner.RunAttachedAsync(new ToolCommand("sh", ["-c", script]) { Environment = trace.Variables });
        var pid = await trace.PidAsync(run);

        Assert.Equal(1, ChildProcesses.Stop([pid], TimeSpan.FromMilliseconds(100)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted, "the attached command was killed after the grace time");
        Assert.Equal(1, trace.Terms);

        ChildProcesses.Stop([pid], TimeSpan.FromMilliseconds(100));
        Assert.Equal(5, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, trace.Terms);
    }

    [SkippableFact]
    public async Task A_captured_command_that_ignores_the_signal_is_killed_after_the_grace_time()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "process groups through setsid");
        using var trace = new Trace();
        var script = "echo $$ > \"$F\"; trap 'echo term >> \"$F\"' TERM; while :; do sleep 0.05; done";
        var run = ToolRunner.RunAsync(new ToolCommand("sh", ["-c", script]) { Environment = trace.Variables }, echoOutput: false);
        var pid = await trace.PidAsync(run);

        Assert.Equal(1, ChildProcesses.Stop([pid], TimeSpan.FromMilliseconds(100)));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result.Succeeded);
        Assert.Equal(1, trace.Terms);
    }

    [Fact]
    public async Task A_command_of_a_run_gets_the_runs_variables_and_its_own_win()
    {
        using var run = new Build.Tests.Engine.InProcessRun();
        run.Environment["RUN_ONLY"] = "from the run";
        run.Environment["BOTH"] = "the run's";
        var build = new EchoBuild();

        Assert.True(run.Run(build, "Echo") == 0, run.Output);
        Assert.Equal("from the run|the command's", build.Echoed);
        Assert.Equal("|the command's", await EchoBuild.EchoAsync()); // outside a run: this process's variables only
    }

    sealed class EchoBuild : NukeBuild
    {
        public string? Echoed { get; private set; }

        public Target Echo => _ => _.Executes(async () => Echoed = await EchoAsync());

        public static async Task<string> EchoAsync() =>
            (await ToolRunner.RunAsync(new ToolCommand("sh", ["-c", "printf '%s|%s' \"$RUN_ONLY\" \"$BOTH\""])
                { Environment = new Dictionary<string, string?> { ["BOTH"] = "the command's" } }, echoOutput: false)).StandardOutput.Trim();
    }

    /// <summary>A file the script writes its pid and each SIGTERM it saw into (variable F).</summary>
    sealed class Trace : IDisposable
    {
        readonly string file = Path.Combine(Path.GetTempPath(), "tool-runner-" + Guid.NewGuid().ToString("N"));

        public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?> { ["F"] = file };

        string[] Lines => File.Exists(file) ? File.ReadAllLines(file) : [];

        public int Terms => Lines.Count(line => line == "term");

        /// <summary>The script's pid, once it wrote it (the command's process group, as the tool runner registered it).</summary>
        public async Task<int> PidAsync(Task running)
        {
            for (var waited = 0; waited < 200; waited++)
            {
                if (Lines is [var first, ..] && int.TryParse(first, out var pid)) return pid;
                if (running.IsCompleted) await running;
                await Task.Delay(50);
            }
            throw new TimeoutException("the script never wrote its pid");
        }

        public void Dispose() => File.Delete(file);
    }
}
