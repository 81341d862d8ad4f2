namespace Build.Tests.Engine;

/// <summary>Runs a test build class in this process, in a temporary root with .nuke/, and captures its output.</summary>
sealed class InProcessRun : IDisposable
{
    public InProcessRun()
    {
        Root = Path.Combine(Path.GetTempPath(), "engine-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }
    public Dictionary<string, string> Environment { get; } = new();
    public string Output { get; private set; } = "";
    public CancellationTokenSource Interruption { get; } = new();
    /// <summary>Where the build project is taken to be (the schema and CI files are only written into a root containing it).</summary>
    public string? ProjectDirectory { get; set; }

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Runs <typeparamref name="T"/> with <paramref name="args"/>; returns the exit code and keeps the build instance.</summary>
    public int Run<T>(T build, params string[] args) where T : NukeBuild => Run(build, [], args);

    public int Run<T>(T build, string[] defaults, string[] args, string? workingDirectory = null) where T : NukeBuild
    {
        var output = new StringWriter();
        var exitCode = BuildRun.Execute(() => build, defaults, new RunEnvironment(args, Environment, workingDirectory ?? Root, output, false) { Cancellation = Interruption.Token, BuildProjectDirectory = ProjectDirectory ?? Root });
        Output = output.ToString();
        return exitCode;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
