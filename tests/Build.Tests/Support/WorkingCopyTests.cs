using System.Text.RegularExpressions;
using Build.Tests.Engine;
using Build.Tests.Git;

namespace Build.Tests.Support;

/// <summary>Tests run the build in <see cref="WorkingCopy"/>, never in the working repository (issue 13: they wrote into its .nuke/temp).</summary>
public class WorkingCopyTests
{
    static string Git(string directory, params string[] arguments) => TemporaryGitRepository.RunGit(directory, ["--no-optional-locks", .. arguments]);

    [Fact]
    public void The_copy_has_the_working_trees_commit_branch_and_uncommitted_changes()
    {
        Assert.Equal(Git(Repo.Root, "rev-parse", "HEAD", "--abbrev-ref", "HEAD"), Git(WorkingCopy.Root, "rev-parse", "HEAD", "--abbrev-ref", "HEAD"));
        Assert.Equal(Git(Repo.Root, "log", "--format=%H", "-20"), Git(WorkingCopy.Root, "log", "--format=%H", "-20"));
        Assert.Equal(Git(Repo.Root, "status", "--porcelain", "--untracked-files=all"), WorkingCopy.StatusWhenMade);
    }

    [Fact]
    public void Running_the_build_in_the_copy_leaves_the_working_repositorys_nuke_temp_as_it_was()
    {
        _ = WorkingCopy.Root;
        var before = Snapshot(Path.Combine(Repo.Root, ".nuke", "temp"));

        var (exitCode, output) = BuildScriptTests.Start("bash", [WorkingCopy.BuildScript, "--plan", "--no-logo"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains(Path.Combine(WorkingCopy.Root, ".nuke", "temp", "execution-plan.html"), output);
        Assert.Equal(before, Snapshot(Path.Combine(Repo.Root, ".nuke", "temp")));
    }

    [Fact]
    public void A_test_process_in_the_working_repository_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => BuildScriptTests.Start("bash", [Path.Combine(Repo.Root, "build.sh"), "--help"], WorkingCopy.Root));
        Assert.Throws<InvalidOperationException>(() => BuildScriptTests.Start("bash", ["-c", "./build.sh --help"], Path.Combine(Repo.Root, "build")));
    }

    /// <summary>Processes started through ToolRunner have no guard of their own: no test source names the working repository's scripts or runs in it.</summary>
    [Fact]
    public void No_test_runs_a_process_in_the_working_repository()
    {
        // WorkflowLint only reads the workflow files it is given.
        var pattern = new Regex(@"Repo\.Root,\s*""build\.(sh|cmd|ps1)""|WorkingDirectory\s*=\s*(Support\.)?Repo\.Root|Async\((Support\.)?Repo\.Root\b");
        var offending = Directory.EnumerateFiles(Path.Combine(Repo.Root, "tests", "Build.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(file => Path.GetFileName(file) is not ("WorkflowLint.cs" or nameof(WorkingCopyTests) + ".cs"))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => pattern.IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(Repo.Root, entry.file)}:{entry.index + 1}: {entry.line.Trim()}")
            .ToList();
        Assert.True(offending.Count == 0, "Run these in WorkingCopy.Root:\n" + string.Join("\n", offending));
    }

    static string Snapshot(string directory) => !Directory.Exists(directory) ? "(absent)"
        : string.Join("\n", Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => $"{Path.GetRelativePath(directory, path)} {File.GetLastWriteTimeUtc(path):O} {(File.Exists(path) ? new FileInfo(path).Length : -1)}"));
}
