using Build.Tests.Support;

namespace Build.Tests.Engine;

/// <summary>
/// A CI job restores the compiled build from its cache into a fresh checkout: every source file is then newer
/// than the stamp, but its contents are the same, so build.sh must run the build without compiling it again.
/// </summary>
public class WarmStartTests : IDisposable
{
    readonly string checkout = Directory.CreateTempSubdirectory("warm-start-").FullName;

    public void Dispose() => Directory.Delete(checkout, recursive: true);

    /// <summary>The working copy's compiled build (see <see cref="WorkingCopy"/>), copied the way actions/cache restores the workflow's cache paths.</summary>
    void RestoreCompiledBuildIntoFreshCheckout()
    {
        foreach (var file in new[] { "build.sh", "build.cmd", "build.ps1", "global.json" })
            File.Copy(Path.Combine(WorkingCopy.Root, file), Path.Combine(checkout, file));
        CopyTree(Path.Combine(WorkingCopy.Root, "build"), Path.Combine(checkout, "build"), skip: "obj");
        Directory.CreateDirectory(Path.Combine(checkout, ".nuke", "temp"));
        File.Copy(Path.Combine(WorkingCopy.Root, ".nuke", "parameters.json"), Path.Combine(checkout, ".nuke", "parameters.json"));
        foreach (var stamp in new[] { "build.stamp", "build.stamp.sha256" })
            File.Copy(Path.Combine(WorkingCopy.Root, ".nuke", "temp", stamp), Path.Combine(checkout, ".nuke", "temp", stamp), overwrite: true);
        // actions/cache keeps the stamp's time; the checkout's files are newer.
        var stampTime = DateTime.UtcNow.AddHours(-1);
        foreach (var stamp in Directory.GetFiles(Path.Combine(checkout, ".nuke", "temp"), "build.stamp*"))
            File.SetLastWriteTimeUtc(stamp, stampTime);
    }

    static void CopyTree(string from, string to, string skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) != skip))
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)), skip);
    }

    [Fact]
    public void Same_contents_with_newer_file_times_run_without_compiling()
    {
        RestoreCompiledBuildIntoFreshCheckout();
        var (exitCode, output) = BuildScriptTests.Start("bash", [Path.Combine(checkout, "build.sh"), "--help", "--no-logo"], checkout);
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("compiling", output);
        Assert.Contains("Publish (default)", output);
    }

    [Fact]
    public void Changed_contents_compile_again()
    {
        RestoreCompiledBuildIntoFreshCheckout();
        File.AppendAllText(Path.Combine(checkout, "build", "Build.cs"), "\n// changed\n");
        // A stand-in dotnet that fails to compile: enough to see that build.sh decided to compile.
        var bin = Directory.CreateDirectory(Path.Combine(checkout, "stub-bin")).FullName;
        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, "#!/bin/sh\n[ \"$1\" = --version ] && { echo 10.0.100; exit 0; }\necho stub compiler refused; exit 1\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        var (exitCode, output) = BuildScriptTests.Start("bash", [Path.Combine(checkout, "build.sh"), "--help"], checkout, new() { ["PATH"] = path });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("build.sh: compiling", output);
        Assert.Contains("stub compiler refused", output);
    }

    [Fact]
    public void A_long_compile_says_every_few_seconds_that_it_is_still_going()
    {
        RestoreCompiledBuildIntoFreshCheckout();
        File.AppendAllText(Path.Combine(checkout, "build", "Build.cs"), "\n// changed\n");
        var bin = Directory.CreateDirectory(Path.Combine(checkout, "stub-bin")).FullName;
        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, "#!/bin/sh\n[ \"$1\" = --version ] && { echo 10.0.100; exit 0; }\nsleep 6; echo slow compiler refused; exit 1\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        var (exitCode, output) = BuildScriptTests.Start("bash", [Path.Combine(checkout, "build.sh"), "--help"], checkout, new() { ["PATH"] = path });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("build.sh: still compiling (5s) ...", output);
        Assert.Contains("slow compiler refused", output);
    }
}
