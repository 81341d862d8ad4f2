using System.Diagnostics;
using System.Reflection;

namespace Engine;

/// <summary>One run of a build: resolve root and parameters, discover and plan targets, then help, plan or execute.</summary>
sealed partial class BuildRun
{
    /// <summary>NUKE's Host names. Only GitHubActions has its own output; the others behave as Terminal.</summary>
    internal static readonly string[] Hosts =
    [
        "AppVeyor", "AzurePipelines", "Bamboo", "Bitbucket", "Bitrise", "GitHubActions", "GitLab", "Jenkins", "Rider",
        "SpaceAutomation", "TeamCity", "Terminal", "TravisCI", "VisualStudio", "VSCode",
    ];

    readonly RunEnvironment environment;
    NukeBuild? build;
    readonly Dictionary<(string, Type), object?> resolved = new();
    ParameterSources sources = null!;
    List<ParameterMember> parameters = [];
    List<ExecutableTarget> targets = [];
    BuildLogFile? logFile;
    List<Task> earlyWork = [];

    BuildRun(RunEnvironment environment) => this.environment = environment;

    /// <summary>The environment of this run, read once (<see cref="RunEnvironment.FromProcess"/>, or a test's own).</summary>
    internal IReadOnlyDictionary<string, string?> Variables => environment.Variables!;

    /// <summary>The run's exit code; a failure that ends it is one line (a bug: the whole exception) and -1.</summary>
    static int OneLineOnFailure(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (BuildError error)
        {
            Log.Error(error.Message);
        }
        catch (Exception wrapper) when (wrapper.InnerException is BuildError error)
        {
            Log.Error(error.Message);
        }
        catch (Exception fault) when (fault is IOException or UnauthorizedAccessException)
        {
            // A full disk or an unwritable .nuke/temp is the machine's state, not a bug: one line.
            Log.Error($"File system: {fault.Message}");
        }
        catch (Exception bug)
        {
            Log.Error($"The build itself failed (a bug, not a usage error): {bug}");
        }
        return -1;
    }

    /// <summary>
    /// Waits for the work started early that no target awaited (a requirement or an earlier target failed first),
    /// before the temporary folder goes: no command started early outlives the run. A signal meanwhile stops it and
    /// makes the exit code the signal's.
    /// </summary>
    int EndEarlyWork(int exitCode)
    {
        BuildExecutor.FinishEarly(earlyWork, TimeSpan.FromSeconds(10));
        if (exitCode is 130 or 143 || environment.Interruption.Signal is not { } signal) return exitCode;
        Log.Error($"Interrupted by {signal}: the commands started early were stopped.");
        return environment.Interruption.ExitCode;
    }

    /// <summary>Runs <paramref name="create"/>'s build with <paramref name="environment"/>; returns the exit code (0, -1, or 130/143 after a signal).</summary>
    internal static int Execute(Func<NukeBuild> create, IReadOnlyCollection<string> defaultTargets, RunEnvironment environment)
    {
        var previous = Log.Sink;
        var previousVariables = RunVariables.Current;
        Log.Sink = new LogSink(environment.Output, LogLevel.Debug, false, environment.Colours);
        RunVariables.Current = environment.Variables!;
        BuildRun? run = null;
        try
        {
            run = new BuildRun(environment);
            return run.EndEarlyWork(OneLineOnFailure(() => run.Run(create, defaultTargets)));
        }
        finally
        {
            run?.build?.RunTemporary.Delete();
            run?.logFile?.Dispose();
            environment.Output.Flush();
            Log.Sink = previous;
            RunVariables.Current = previousVariables;
        }
    }

    int Run(Func<NukeBuild> create, IReadOnlyCollection<string> defaultTargets)
    {
        var build = this.build = create();
        parameters = ParameterMember.Discover(build.GetType());
        var paths = parameters.Where(p => (Nullable.GetUnderlyingType(p.Type) ?? p.Type) == typeof(AbsolutePath)).Select(p => p.Name).Append("Root").ToList();
        var switches = parameters.Concat(ParameterMember.BuiltIn).Where(p => (Nullable.GetUnderlyingType(p.Type) ?? p.Type) == typeof(bool)).Select(p => p.Name).ToList();
        // After a switch, a target's name is a target (`--plan Publish`); any other word stays the switch's value.
        var targetNames = build.GetType().GetInterfaces().Prepend(build.GetType())
            .SelectMany(type => type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance))
            .Where(property => property.PropertyType == typeof(Target)).Select(property => property.Name.Split('.').Last()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var commandLine = new CommandLine(environment.Args, name => paths.Any(p => Names.Same(p, name)),
            name => switches.Any(p => Names.Same(p, name)), targetNames.Contains);
        sources = new ParameterSources(commandLine, environment.Variables, environment.WorkingDirectory) { PromptPassword = environment.PromptPassword };
        var host = ResolveHost();
        Log.Sink = new LogSink(environment.Output, LogLevel.Debug, host == BuildHost.GitHubActions, environment.Colours);
        var root = ResolveRoot();
        logFile = BuildLogFile.Open(Path.Combine(root, ".nuke", "temp"));
        Log.Sink.File = logFile?.Writer;
        sources.LoadFiles(root, BuiltIn<string[]>("Profile") ?? []);
        Log.Sink.MinimumLevel = BuiltIn<Verbosity?>("Verbosity") switch
        {
            Verbosity.Verbose => LogLevel.Verbose,
            Verbosity.Minimal => LogLevel.Warning,
            Verbosity.Quiet => LogLevel.Error,
            _ => LogLevel.Debug,
        };

        build.RootDirectory = new AbsolutePath(root);
        build.HostName = host;
        build.Run = this;
        var unknown = WarnAboutUnknownArguments(commandLine);
        // An encrypted [Secret] field waits, like an interface parameter, for a target that reads it (InjectReadSecrets).
        foreach (var parameter in parameters.Where(p => p.IsInjectable && !sources.IsEncrypted(p)))
            if (Resolve(parameter, parameter.Type) is { } value)
                parameter.Inject(build, value);
        // Interface parameters resolve when a target reads them; a bad value must still end the run before any
        // target starts (and a secret be masked from the first line on). An encrypted one waits for its reader.
        foreach (var parameter in parameters.Where(p => !p.IsInjectable && ValueConverter.Supports(p.Type) && !sources.IsEncrypted(p)))
            Resolve(parameter, parameter.Type);
        targets = TargetDiscovery.Discover(build, defaultTargets);
        RefuseUnknownArguments(unknown);

        if (BuiltIn<string>("GenerateConfiguration") is { } id)
            return GenerateConfiguration(build, id);
        if (build.IsLocalBuild)
            RefreshGeneratedFiles(build, create: HoldsBuildProject(root));
        if (BuiltIn<bool?>("ShellCompletion") == true) return 0;
        if (BuiltIn<bool?>("NoLogo") != true) BuildOutput.Banner(build.GetType());

        // A bare --target names no target: an empty plan (help, exit 0), as in NUKE; only its absence means the default.
        var named = BuiltIn<string[]>("Target");
        var invoked = (named ?? []).Select(FindTarget).Distinct().ToList();
        var plan = named is [] ? [] : ExecutionPlanner.Plan(targets, invoked);
        if (BuiltIn<bool?>("Help") == true || plan.Count == 0)
        {
            foreach (var line in HelpText.Render(targets, parameters, environment.Width)) Log.Raw(line, Tone.Dim);
            return 0;
        }
        var skip = BuiltIn<string[]>("Skip");
        // NUKE ignores a --skip name that matches no target; a typo then skips nothing, so it is a warning here.
        foreach (var name in (skip ?? []).Where(n => !targets.Any(t => Names.Same(t.Name, n))))
            Log.Warning($"Unknown target '{name}' in --skip is ignored{Suggest(Names.Closest(name, targets.Select(t => t.Name)))}");
        // OnlyWhenStatic conditions are evaluated while planning (for --plan too): a secret field they name is read now.
        InjectReadSecrets(build, member => plan.Any(t => MemberReads.Named(t.StaticConditions, member)));
        BuildExecutor.MarkSkipped(plan, skip);
        if (BuiltIn<bool?>("Plan") == true)
            return ShowPlan(build, plan);

        var watch = Stopwatch.StartNew();
        var running = plan.Where(t => t.Status == TargetStatus.Scheduled && t.SkipReason == null).ToList();
        InjectReadSecrets(build, member => running.Any(t => MemberReads.Reads(t, member)));
        // What the running targets read is resolved first: the requirements, conditions and early starts only read it.
        var failures = BuildExecutor.Resolve(plan);
        // Before the requirements: their checks (files) then overlap with what the targets start early.
        if (failures.Count == 0) earlyWork = BuildExecutor.StartEarly(plan);
        if (failures.Count == 0)
            failures = BuildExecutor.CheckRequirements(plan, member =>
                parameters.FirstOrDefault(p => p.Member != null && ExpressionText.Simple(p.Member.Name) == member)?.Name);
        if (failures.Count > 0)
        {
            failures.ForEach(Log.Error);
            foreach (var target in plan.Where(t => t.Status == TargetStatus.Scheduled)) target.Status = TargetStatus.NotRun;
            BuildOutput.Finish(plan, watch.Elapsed, succeeded: false, closing);
            return -1;
        }
        var attempt = new BuildAttempt(build.TemporaryDirectory, environment.Args, BuiltIn<bool?>("Continue") == true);
        var interruption = environment.Interruption;
        build.Interruption = interruption;
        using var testSignal = environment.Cancellation.Register(() => interruption.Raise("SIGINT", stopCommands: false));
        BuildExecutor.Run(plan, attempt.SucceededBefore, attempt.Record, interruption, build.Background);
        var succeeded = interruption.Signal is null && plan.All(t => t.Status is not (TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.NotRun));
        BuildOutput.Finish(plan, watch.Elapsed, succeeded, closing);
        if (interruption.Signal is not { } signal) return succeeded ? 0 : -1;
        Log.Error($"Interrupted by {signal}: {BuildOutput.InterruptionReport(plan, interruption.CommandsStopped)}");
        return interruption.ExitCode;
    }

    /// <summary>
    /// Decrypts (asking for the password if need be) the encrypted [Secret] fields and settable properties of the build
    /// class that a target about to run reads: --help, --plan and runs whose targets never read them need no password.
    /// </summary>
    void InjectReadSecrets(NukeBuild build, Func<MemberInfo, bool> isRead)
    {
        foreach (var parameter in parameters.Where(p => p.IsInjectable && sources.IsEncrypted(p)))
            if (isRead(parameter.Member!) && Resolve(parameter, parameter.Type) is { } value)
                parameter.Inject(build, value);
    }

    /// <summary>The value of a parameter declared on a component interface, resolved once per run and type.</summary>
    internal object? ResolveMember(string memberName, Type type)
    {
        var parameter = parameters.FirstOrDefault(p => p.Member != null && ExpressionText.Simple(p.Member.Name) == memberName)
            ?? throw new InvalidOperationException($"'{memberName}' is not marked with [Parameter].");
        return Resolve(parameter, type);
    }

    /// <summary>What targets asked to print after the outcome line (<see cref="INukeBuild.ReportAtEnd"/>).</summary>
    readonly List<string> closing = [];

    internal void ReportAtEnd(string text)
    {
        lock (closing) closing.Add(text);
    }

    internal IReadOnlyCollection<string> SkippedTargets =>
        targets.Where(t => t.Status == TargetStatus.Skipped || (t.Status == TargetStatus.Scheduled && t.SkipReason != null)).Select(t => t.Name).ToList();

    internal void ReportSummary(string key, string value)
    {
        var running = targets.FirstOrDefault(t => t.Status == TargetStatus.Running);
        running?.Summary.Add(new(key, Log.Mask(value)));
    }

    object? Resolve(ParameterMember parameter, Type type)
    {
        if (resolved.TryGetValue((parameter.Name, type), out var cached)) return cached;
        var (_, value) = sources.Resolve(parameter with { Type = type });
        // A Secret masked itself when it was made; a [Secret] string is masked here.
        if (parameter.IsSecret && value is not Secret) Log.AddSecret(value?.ToString());
        return resolved[(parameter.Name, type)] = value;
    }

    T? BuiltIn<T>(string name) => (T?)Resolve(ParameterMember.BuiltIn.First(p => p.Name == name), typeof(T));

    string ResolveHost()
    {
        var forced = BuiltIn<string>("Host");
        if (forced == null) return BuildHost.IsGitHubActions(Variables) ? BuildHost.GitHubActions : BuildHost.Terminal;
        // NUKE matches the value as a suffix of exactly one host name (so "actions" is GitHubActions).
        var matches = Hosts.Where(h => forced.Length > 0 && h.EndsWith(forced, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0]
            : throw new BuildError($"Invalid value '{forced}' for parameter 'Host': expected one of {string.Join(", ", Hosts)}.");
    }

    /// <summary>--root [path] (bare: the working directory), else the nearest ancestor of the working directory with .nuke/.</summary>
    string ResolveRoot()
    {
        var given = sources.CommandLine.Values("Root");
        if (given != null)
        {
            if (given.Length == 0) return environment.WorkingDirectory;
            // A root that is not there is a typo: creating it (and .nuke/temp in it) would leave directories behind.
            var path = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, given[0]));
            return Directory.Exists(path) ? path
                : throw new BuildError($"--root '{(given[0].Length > 80 ? given[0][..60] + $"... ({given[0].Length} characters)" : given[0])}' is not an existing directory.");
        }
        for (var directory = new DirectoryInfo(environment.WorkingDirectory); directory != null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new BuildError($"Could not locate '.nuke' directory while walking up from '{environment.WorkingDirectory}'. Either create the directory to mark the root, or add '--root [path]' to the invocation.");
    }

    bool HoldsBuildProject(string root)
    {
        if (environment.BuildProjectDirectory is not { } project) return false;
        var relative = Path.GetRelativePath(root, project);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar) && !Path.IsPathRooted(relative);
    }

    ExecutableTarget FindTarget(string name) =>
        targets.FirstOrDefault(t => Names.Same(t.Name, name))
        ?? throw new BuildError($"Target with name '{name}' does not exist. Available targets are:"
            + string.Concat(targets.Select(t => t.Name).Order(StringComparer.Ordinal).Select(t => "\n  - " + t)));
}
