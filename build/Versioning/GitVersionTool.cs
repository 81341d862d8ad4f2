using Git;
using Tooling;

namespace Versioning;

/// <summary>
/// The GitVersion engine that the GitVersion.MsBuild package ships (tools/net10.0/gitversion.dll, the same
/// engine as GitVersion.Tool), brought by the build project's PackageDownload and run out of process.
/// </summary>
internal sealed record GitVersionTool(string Path)
{
    /// <summary>Must match the PackageDownload in build/_build.csproj (a test checks it).</summary>
    public const string PackageVersion = "6.8.2";
    public const string PackageId = "gitversion.msbuild";
    public const string Framework = "net10.0";
    /// <summary>GitVersion's configuration: a throwaway copy gets it as the user has it now, uncommitted edits included.</summary>
    static readonly string[] ConfigurationFiles = ["GitVersion.yml", "GitVersion.yaml", ".GitVersion.yml", ".GitVersion.yaml"];
    /// <summary>NUKE's override: a gitversion.dll (run with dotnet) or an executable.</summary>
    public const string OverrideVariable = "GITVERSION_EXE";

    /// <summary>
    /// Finds the engine: <see cref="OverrideVariable"/>, else the copy the build project puts beside the compiled
    /// build (so a CI cache of the compiled build needs no NuGet folder), else the NuGet packages folder
    /// (NUGET_PACKAGES or ~/.nuget/packages). The environment and file system come in as functions so this stays pure.
    /// </summary>
    public static GitVersionTool Locate(Func<string, string?> environment, string userProfile, Func<string, bool> fileExists, string? buildDirectory = null)
    {
        if (environment(OverrideVariable) is { Length: > 0 } overridden)
            return fileExists(overridden)
                ? new GitVersionTool(overridden)
                : throw new BuildError($"{OverrideVariable} is '{overridden}', but no such file exists.");
        if (buildDirectory is not null && System.IO.Path.Combine(buildDirectory, "gitversion", "gitversion.dll") is var beside && fileExists(beside))
            return new GitVersionTool(beside);

        var packages = environment("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : System.IO.Path.Combine(userProfile, ".nuget", "packages");
        var dll = System.IO.Path.Combine(packages, PackageId, PackageVersion, "tools", Framework, "gitversion.dll");
        return fileExists(dll)
            ? new GitVersionTool(dll)
            : throw new BuildError($"GitVersion is not at '{dll}': restore the build project (dotnet restore build/_build.csproj) or set {OverrideVariable}.");
    }

    /// <summary>Finds the engine as <paramref name="environment"/> (the run's snapshot) says, on this machine's file system.</summary>
    public static GitVersionTool Locate(Func<string, string?> environment) =>
        Locate(environment, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), File.Exists, AppContext.BaseDirectory);

    /// <summary>
    /// `gitversion &lt;repository&gt; /output json /nofetch /nocache`: the path must come first; no fetch
    /// because Checkout fetches what is needed; no cache, as NUKE does, so a result never outlives its refs.
    /// Off GitHub Actions also /nonormalize: GitVersion would normalise (create branches, move HEAD) whenever
    /// another CI's variables are set; on GitHub Actions it normalises a <see cref="ThrowawayClone"/>.
    /// </summary>
    public ToolCommand Command(string repositoryDirectory, Func<string, string?> environment)
    {
        string[] arguments = [repositoryDirectory, "/output", "json", "/nofetch", "/nocache", .. Normalises(environment) ? Array.Empty<string>() : ["/nonormalize"]];
        return Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ToolCommand(environment("DOTNET_EXE") is { Length: > 0 } dotnet ? dotnet : "dotnet", [Path, .. arguments])
            : new ToolCommand(Path, arguments);
    }

    /// <summary>GitVersion normalises only for GitHub Actions' pull request refs and detached heads, which the copy gets.</summary>
    public static bool Normalises(Func<string, string?> environment) => environment("GITHUB_ACTIONS") == "true";

    /// <summary>
    /// Runs the engine on the repository containing <paramref name="repositoryDirectory"/>; where it would normalise
    /// (as <paramref name="environment"/>, the run's snapshot, says), on a copy made in <paramref name="scratch"/>()
    /// (deleted afterwards), so the repository itself never changes.
    /// </summary>
    public async Task<GitVersion> ComputeAsync(string repositoryDirectory, Func<string, string?> environment, Func<string>? scratch = null)
    {
        if (!Normalises(environment) || scratch is null) return await RunAsync(repositoryDirectory, environment);
        var copy = System.IO.Path.Combine(scratch(), "gitversion-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return await RunAsync(await ThrowawayClone.CreateAsync(repositoryDirectory, copy, ConfigurationFiles), environment, repositoryDirectory);
        }
        finally
        {
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        }
    }

    async Task<GitVersion> RunAsync(string directory, Func<string, string?> environment, string? shownAs = null)
    {
        var repositoryDirectory = shownAs ?? directory;
        var result = await ToolRunner.RunAsync(Command(directory, environment), echoOutput: false);
        if (!result.Succeeded)
            throw new BuildError($"GitVersion failed on '{repositoryDirectory}': {GitVersionFailure.Describe(result)}");
        try
        {
            return GitVersion.FromJson(result.StandardOutput);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new BuildError($"GitVersion printed no usable JSON for '{repositoryDirectory}': {e.Message}", e);
        }
    }
}
