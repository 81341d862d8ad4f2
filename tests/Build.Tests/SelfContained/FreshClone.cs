using Build.Tests.Support;
using Tooling;

namespace Build.Tests.SelfContained;

/// <summary>
/// A clone of the committed repository in an empty folder with nothing beside it: what anyone cloning from GitHub
/// has (no sibling folders to lean on). Commands run in it through bash, as a person or a workflow step types them.
/// </summary>
public sealed class FreshClone : IDisposable
{
    readonly string parent = Directory.CreateTempSubdirectory("fresh-clone-").FullName;

    public FreshClone()
    {
        var result = ToolRunner.RunAsync(new ToolCommand("git", ["clone", "-q", Repo.Root, Path]), echoOutput: false).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, result.StandardError);
    }

    public string Path => System.IO.Path.Combine(parent, "repo");

    /// <summary>What the clone's folder holds beside the clone (nothing).</summary>
    public IEnumerable<string> Siblings => Directory.GetFileSystemEntries(parent).Select(System.IO.Path.GetFileName).Where(name => name != "repo")!;

    /// <summary>Runs one command line with bash -e -o pipefail (GitHub's run: shell) in the clone; output is both streams.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string commandLine, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var result = await ToolRunner.RunAsync(new ToolCommand("bash", ["-e", "-o", "pipefail", "-c", commandLine])
            { WorkingDirectory = Path, Environment = environment ?? new Dictionary<string, string?>() }, echoOutput: false, timeout.Token);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    public void Dispose() => Directory.Delete(parent, recursive: true);
}
