using System.Diagnostics;

namespace Engine;

/// <summary>One run of a build: resolve root and parameters, discover and plan targets, then help, plan or execute.</summary>
sealed partial class BuildRun
{
    internal static readonly string[] Hosts = [BuildHost.GitHubActions, BuildHost.Terminal];

    readonly RunEnvironment environment;
    readonly Dictionary<(string, Type), object?> resolved = new();
    ParameterSources sources = null!;
    List<ParameterMember> parameters = [];
    List<ExecutableTarget> targets = [];

    BuildRun(RunEnvironment environment) => this.environment = environment;

    /// <summary>The environment of this run, read once (<see cref="RunEnvironment.FromProcess"/>, or a test's own).</summary>
    internal IReadOnlyDictionary<string, string?> Variables => environment.Variables!;

    /// <summary>Runs <paramref name="create"/>'s build with <paramref name="environment"/>; returns the exit code (0 or -1).</summary>
    internal static int Execute(Func<NukeBuild> create, IReadOnlyCollection<string> defaultTargets, RunEnvironment environment)
    {
        var previous = Log.Sink;
        Log.Sink = new LogSink(environment.Output, LogLevel.Debug, false, environment.Colours);
        try
        {
            return new BuildRun(environment).Run(create, defaultTargets);
        }
        catch (BuildError error)
        {
            Log.Error(error.Message);
            return -1;
        }
        catch (Exception wrapper) when (wrapper.InnerException is BuildError error)
        {
            Log.Error(error.Message);
            return -1;
        }
        catch (Exception bug)
        {
            Log.Error($"The build itself failed (a bug, not a usage error): {bug}");
            return -1;
        }
        finally
        {
            environment.Output.Flush();
            Log.Sink = previous;
        }
    }

    int Run(Func<NukeBuild> create, IReadOnlyCollection<string> defaultTargets)
    {
        var commandLine = new CommandLine(environment.Args);
        sources = new ParameterSources(commandLine, environment.Variables, environment.WorkingDirectory);
        var host = ResolveHost();
        Log.Sink = new LogSink(environment.Output, LogLevel.Debug, host == BuildHost.GitHubActions, environment.Colours);
        var root = ResolveRoot();
        sources.LoadFiles(root, BuiltIn<string[]>("Profile") ?? []);
        Log.Sink.MinimumLevel = BuiltIn<Verbosity?>("Verbosity") switch
        {
            Verbosity.Verbose => LogLevel.Verbose,
            Verbosity.Minimal => LogLevel.Warning,
            Verbosity.Quiet => LogLevel.Error,
            _ => LogLevel.Debug,
        };

        var build = create();
        build.RootDirectory = new AbsolutePath(root);
        build.HostName = host;
        build.Run = this;
        parameters = ParameterMember.Discover(build.GetType());
        WarnAboutUnknownArguments(commandLine);
        foreach (var parameter in parameters.Where(p => p.IsInjectable))
            if (Resolve(parameter, parameter.Type) is { } value)
                parameter.Inject(build, value);
        // Interface parameters resolve when a target reads them; a bad value must still end the run before any
        // target starts (and a secret be masked from the first line on).
        foreach (var parameter in parameters.Where(p => !p.IsInjectable && ValueConverter.Supports(p.Type)))
            Resolve(parameter, parameter.Type);
        targets = TargetDiscovery.Discover(build, defaultTargets);

        if (BuiltIn<string>("GenerateConfiguration") is { } id)
            return GenerateConfiguration(build, id);
        if (build.IsLocalBuild)
            RefreshGeneratedFiles(build, create: HoldsBuildProject(root));
        if (BuiltIn<bool?>("ShellCompletion") == true) return 0;
        if (BuiltIn<bool?>("NoLogo") != true) BuildOutput.Banner(build.GetType());

        var invoked = (BuiltIn<string[]>("Target") ?? []).Select(FindTarget).Distinct().ToList();
        var plan = ExecutionPlanner.Plan(targets, invoked);
        if (BuiltIn<bool?>("Help") == true || plan.Count == 0)
        {
            foreach (var line in HelpText.Render(targets, parameters)) Log.Raw(line, Tone.Dim);
            return 0;
        }
        var skip = BuiltIn<string[]>("Skip");
        foreach (var name in skip ?? []) FindTarget(name);
        BuildExecutor.MarkSkipped(plan, skip);
        if (BuiltIn<bool?>("Plan") == true)
            return ShowPlan(build, plan);

        var watch = Stopwatch.StartNew();
        var failures = BuildExecutor.CheckRequirements(plan);
        if (failures.Count > 0)
        {
            failures.ForEach(Log.Error);
            foreach (var target in plan.Where(t => t.Status == TargetStatus.Scheduled)) target.Status = TargetStatus.NotRun;
            BuildOutput.Finish(plan, watch.Elapsed, succeeded: false);
            return -1;
        }
        var attempt = new BuildAttempt(build.TemporaryDirectory, environment.Args, BuiltIn<bool?>("Continue") == true);
        BuildExecutor.Run(plan, attempt.SucceededBefore, attempt.Record, environment.Cancellation);
        var succeeded = plan.All(t => t.Status is not (TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.NotRun));
        BuildOutput.Finish(plan, watch.Elapsed, succeeded);
        return succeeded ? 0 : -1;
    }

    /// <summary>The value of a parameter declared on a component interface, resolved once per run and type.</summary>
    internal object? ResolveMember(string memberName, Type type)
    {
        var parameter = parameters.FirstOrDefault(p => p.Member != null && ExpressionText.Simple(p.Member.Name) == memberName)
            ?? throw new InvalidOperationException($"'{memberName}' is not marked with [Parameter].");
        return Resolve(parameter, type);
    }

    internal void ReportSummary(string key, string value)
    {
        var running = targets.FirstOrDefault(t => t.Status == TargetStatus.Running);
        running?.Summary.Add(new(key, Log.Mask(value)));
    }

    object? Resolve(ParameterMember parameter, Type type)
    {
        if (resolved.TryGetValue((parameter.Name, type), out var cached)) return cached;
        var (_, value) = sources.Resolve(parameter with { Type = type });
        if (parameter.IsSecret) Log.AddSecret(value?.ToString());
        return resolved[(parameter.Name, type)] = value;
    }

    T? BuiltIn<T>(string name) => (T?)Resolve(ParameterMember.BuiltIn.First(p => p.Name == name), typeof(T));

    string ResolveHost()
    {
        var forced = BuiltIn<string>("Host");
        if (forced == null) return BuildHost.IsGitHubActions(Variables) ? BuildHost.GitHubActions : BuildHost.Terminal;
        return Hosts.FirstOrDefault(h => h.EndsWith(forced, StringComparison.OrdinalIgnoreCase) && forced.Length > 0)
            ?? throw new BuildError($"Invalid value '{forced}' for parameter 'Host': expected one of {string.Join(", ", Hosts)}.");
    }

    /// <summary>--root [path] (bare: the working directory), else the nearest ancestor of the working directory with .nuke/.</summary>
    string ResolveRoot()
    {
        var given = sources.CommandLine.Values("Root");
        if (given != null) return given.Length == 0 ? environment.WorkingDirectory : Path.GetFullPath(Path.Combine(environment.WorkingDirectory, given[0]));
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
        ?? throw new BuildError($"Target with name '{name}' does not exist. Available targets are: {string.Join(", ", targets.Select(t => t.Name).Order(StringComparer.Ordinal))}.");

    void WarnAboutUnknownArguments(CommandLine commandLine)
    {
        var known = parameters.Concat(ParameterMember.BuiltIn).Select(p => Names.Key(p.Name)).ToHashSet();
        foreach (var name in commandLine.NamesGiven.Where(n => !known.Contains(Names.Key(n))))
            Log.Warning($"Unknown argument '{name}' (see --help for the parameters).");
    }
}
