using System.Reflection;

namespace Build.Tests.Support;

/// <summary>
/// The test assembly's entry point (instead of the test SDK's empty one): `dotnet Build.Tests.dll --test-build &lt;class&gt;
/// &lt;args&gt;` runs a test build class as its own process, the way a build's Main runs (console, environment, exit code),
/// for engine behaviour that depends on the process (a terminal or not, redirected input).
/// </summary>
public static class TestBuildHost
{
    public static int Main(string[] args)
    {
        if (args is not ["--test-build", var name, .. var rest]) return 0;
        var type = Assembly.GetExecutingAssembly().GetTypes().Single(t => t.FullName == name && typeof(NukeBuild).IsAssignableFrom(t));
        return BuildRun.Execute(() => (NukeBuild)Activator.CreateInstance(type, nonPublic: true)!, [], RunEnvironment.FromProcess(rest));
    }

    /// <summary>
    /// Runs <typeparamref name="T"/> as a process in <paramref name="root"/> (`--root &lt;root&gt; --no-logo` added), with input
    /// redirected as on CI and none of this process's GITHUB_*, CI or PARAMS_* variables, only <paramref name="environment"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync<T>(string root, Dictionary<string, string?> environment, params string[] args) where T : NukeBuild
    {
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("PARAMS_", StringComparison.OrdinalIgnoreCase) || name == "CI")
            .ToDictionary(name => name, string? (_) => null);
        foreach (var (name, value) in environment) variables[name] = value;
        var result = await Tooling.ToolRunner.RunAsync(
            new Tooling.ToolCommand("dotnet", [typeof(TestBuildHost).Assembly.Location, "--test-build", typeof(T).FullName!, .. args, "--root", root, "--no-logo"])
                { WorkingDirectory = root, Environment = variables },
            echoOutput: false);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
