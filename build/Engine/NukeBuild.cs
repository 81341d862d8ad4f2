using System.Linq.Expressions;

namespace Engine;

/// <summary>Base class of a build: <c>public static int Main() => Execute&lt;Build&gt;(x => x.Publish);</c></summary>
public abstract class NukeBuild : INukeBuild
{
    public AbsolutePath RootDirectory { get; internal set; } = new(Directory.GetCurrentDirectory());
    public bool IsLocalBuild => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") != "true";
    public string Host => IsLocalBuild ? "Terminal" : "GitHubActions";
    public BuildState State { get; } = new();

    public T? TryGetValue<T>(Expression<Func<T>> parameter) => default; // skeleton: the engine resolves parameters

    public void ReportSummary(string key, string value) { }

    /// <summary>Runs the build with the process's command line and returns the exit code.</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        Console.Error.WriteLine("engine: not implemented yet");
        return 1;
    }
}
