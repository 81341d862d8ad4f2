using System.Diagnostics;
using Build.Tests.Support;

namespace Build.Tests.Engine;

/// <summary>The bootstrap scripts started as processes, as a user or NUKE's global tool starts them (in <see cref="WorkingCopy"/>).</summary>
public class BuildScriptTests
{
    static readonly string[] ProcessOnlyVariables = ["GITHUB_ACTIONS", "NUKE_TARGET", "NUKE_SKIP", "NUKE_VERBOSITY", "NUKE_HOST", "NUKE_PROFILE"];

    internal static (int ExitCode, string Output) Start(string fileName, IEnumerable<string> args, string? workingDirectory = null, Dictionary<string, string>? environment = null)
    {
        WorkingCopy.RefuseWorkingRepository(workingDirectory, args);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? WorkingCopy.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in ProcessOnlyVariables) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException($"{fileName} {string.Join(" ", args)} did not end"); }
        return (process.ExitCode, stdout + stderr.Result);
    }

    static (int ExitCode, string Output) BuildSh(params string[] args) => Start("bash", [WorkingCopy.BuildScript, .. args]);

    [Fact]
    public void Help_lists_targets_with_the_default_and_parameters()
    {
        var (exitCode, output) = BuildSh("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("Targets (with their direct dependencies):", output);
        Assert.Matches(@"\n  Publish \(default\)\s+-> ", output);
        Assert.Contains("\n  --target ", output);
        Assert.Contains("\n  --skip ", output);
    }

    [Fact]
    public void Plan_prints_the_order_with_reasons_and_the_page_it_wrote()
    {
        var (exitCode, output) = BuildSh("--plan", "--no-logo");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"\d\. Publish\s+default target", output);
        Assert.Matches(@"\d\. Checkout\s+dependency of Publish", output);
        var page = Path.Combine(WorkingCopy.Root, ".nuke", "temp", "execution-plan.html");
        Assert.Contains($"Execution plan graph: {page}", output);
        Assert.Contains("graph LR", File.ReadAllText(page));
    }

    [Fact]
    public void An_unknown_target_fails_with_the_available_ones()
    {
        var (exitCode, output) = BuildSh("Deploy", "--no-logo");
        Assert.Equal(255, exitCode);
        Assert.Contains("[ERR] Target with name 'Deploy' does not exist. Available targets are:\n", output);
        Assert.Contains("\n  - Checkout\n", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_bad_parameter_value_is_one_line_and_exit_255()
    {
        var (exitCode, output) = BuildSh("--verbosity", "loud", "--no-logo");
        Assert.Equal(255, exitCode);
        Assert.Equal(["Invalid value 'loud' for parameter 'Verbosity': expected one of Verbose, Normal, Minimal, Quiet."],
            output.Split('\n').Where(l => l.Contains("[ERR]")).Select(l => l[(l.IndexOf("[ERR] ") + 6)..].TrimEnd()));
    }

    [Fact]
    public void A_failing_target_ends_with_its_summary_row_and_exit_255()
    {
        // The root is found from the working directory: a .nuke/ outside any git repository makes Checkout fail.
        var root = Directory.CreateTempSubdirectory("engine-no-git-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        try
        {
            var (exitCode, output) = Start("bash", [WorkingCopy.BuildScript, "Checkout", "--no-logo"], root);
            Assert.Equal(255, exitCode);
            Assert.Matches(@"\nCheckout\s+Failed\s+\S+", output);
            Assert.Contains("Build failed on ", output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Environment_variables_bind_parameters()
    {
        var (exitCode, output) = Start("bash", [WorkingCopy.BuildScript, "--plan", "--no-logo"],
            environment: new() { ["NUKE_TARGET"] = "Tag+Login", ["nuke_skip"] = "login" });
        Assert.Equal(0, exitCode);
        Assert.Matches(@"\d\. Login\s+invoked", output);
        Assert.Matches(@"\d\. Tag\s+invoked", output);
        Assert.DoesNotContain("Publish", output);
    }

    [Fact]
    public void A_profile_file_binds_parameters()
    {
        var profile = "enginetest-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(WorkingCopy.Root, ".nuke", $"parameters.{profile}.json");
        File.WriteAllText(file, """{ "$schema": "./build.schema.json", "Target": [ "Login" ], "Skip": [] }""");
        try
        {
            var (exitCode, output) = BuildSh("--profile", profile, "--plan", "--no-logo");
            Assert.Equal(0, exitCode);
            Assert.Matches(@"\d\. Login\s+invoked", output);
            Assert.DoesNotContain("Publish", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void It_runs_from_a_subdirectory_like_the_global_tool_runs_it()
    {
        var (exitCode, output) = Start("bash", [WorkingCopy.BuildScript, "--plan", "--no-logo"], Path.Combine(WorkingCopy.Root, "build", "Engine"));
        Assert.Equal(0, exitCode);
        Assert.Contains(Path.Combine(WorkingCopy.Root, ".nuke", "temp", "execution-plan.html"), output);
    }

    [Fact]
    public void Build_cmd_runs_build_sh_under_bash()
    {
        // Like a CI step `run: ./build.cmd ...`: the file has no shebang, so bash runs it itself.
        var (exitCode, output) = Start("bash", ["-c", "./build.cmd --help --no-logo"]);
        Assert.Equal(0, exitCode);
        Assert.StartsWith("Targets (with their direct dependencies):", output.TrimStart());
    }

    [SkippableFact]
    public void Build_ps1_runs_under_PowerShell()
    {
        var (probe, _) = Start("dotnet", ["pwsh", "-NoProfile", "-Command", "exit 0"]);
        Need.Require(probe == 0 ? null : "pwsh is not available (run: dotnet tool restore; .ci/stack does)");
        var (exitCode, output) = Start("dotnet", ["pwsh", "-NoProfile", "-File", Path.Combine(WorkingCopy.Root, "build.ps1"), "Deploy", "--no-logo"], Path.Combine(WorkingCopy.Root, "build"));
        Assert.Equal(255, exitCode);
        Assert.Contains("Target with name 'Deploy' does not exist.", output);
        (exitCode, output) = Start("dotnet", ["pwsh", "-NoProfile", "-File", Path.Combine(WorkingCopy.Root, "build.ps1"), "--help"]);
        Assert.Equal(0, exitCode);
        Assert.Contains("Publish (default)", output);
    }
}
