using System.Linq.Expressions;

namespace Engine;

/// <summary>Base class of a build: <c>public static int Main() => Execute&lt;Build&gt;(x => x.Publish);</c></summary>
public abstract class NukeBuild : INukeBuild
{
    public AbsolutePath RootDirectory { get; internal set; } = new(Directory.GetCurrentDirectory());
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";
    public bool IsLocalBuild => Host != BuildHost.GitHubActions;
    public string Host => HostName ?? (BuildHost.IsGitHubActions(EnvironmentVariables) ? BuildHost.GitHubActions : BuildHost.Terminal);

    /// <summary>The run's environment snapshot; a build created outside a run (a test) sees an empty one.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables => Run?.Variables ?? NoVariables;
    static readonly IReadOnlyDictionary<string, string?> NoVariables = new Dictionary<string, string?>();
    public TargetResults Results { get; } = new();
    public RunOnce Once { get; } = new();
    /// <summary>Work targets leave running; the run waits for it before cleanup targets and at the end.</summary>
    public BackgroundWork Background { get; } = new();
    public AbsolutePath RunTemporaryDirectory => new(RunTemporary.Path);

    internal RunTemporaryDirectory RunTemporary { get; } = new();

    internal string? HostName { get; set; }

    /// <summary>Ctrl-C/SIGTERM of the running build (never fires outside a run).</summary>
    internal Interruption Interruption { get; set; } = new();
    public CancellationToken Interrupted => Interruption.Requested;

    /// <summary>The run this instance belongs to (null when a test creates the build directly).</summary>
    internal BuildRun? Run { get; set; }

    public T? TryGetValue<T>(Expression<Func<T>> parameter)
    {
        if (Run == null) return default;
        var name = ExpressionText.MemberName(parameter.Body)
            ?? throw new ArgumentException($"TryGetValue needs a member access such as () => Registry, not {parameter.Body}.");
        return (T?)Run.ResolveMember(name, typeof(T));
    }

    public void ReportSummary(string key, string value) => Run?.ReportSummary(key, value);

    public void ReportAtEnd(string text) => Run?.ReportAtEnd(text);
    public IReadOnlyCollection<string> SkippedTargets => Run?.SkippedTargets ?? [];

    /// <summary>Runs the build with the process's command line and returns the exit code (0, or -1 on failure).</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new() =>
        BuildRun.Execute(() => new T(), DefaultNames(defaultTargets), RunEnvironment.FromProcess(Environment.GetCommandLineArgs()[1..]));

    internal static IReadOnlyCollection<string> DefaultNames<T>(IEnumerable<Expression<Func<T, Target>>> defaultTargets) =>
        defaultTargets.Select(e => e.Body is MemberExpression member
            ? ExpressionText.Simple(member.Member.Name)
            : throw new ArgumentException($"A default target must be a target property, not {e.Body}.")).ToList();
}
