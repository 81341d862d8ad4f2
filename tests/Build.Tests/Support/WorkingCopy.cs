using Build.Tests.Git;

namespace Build.Tests.Support;

/// <summary>
/// The working tree as it is on disk (tracked files with their uncommitted changes, untracked files that are not
/// ignored) in a clone of the repository, so git facts and history are the working repository's, plus its compiled
/// build: made once per test run. Tests that start ./build.sh or the build with the repository as root start it here,
/// so they never write into the working repository's .nuke/temp (stamps, locks, build.log, plans).
/// </summary>
public static class WorkingCopy
{
    static readonly Lazy<string> Copy = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The copy's root (it has .nuke/ and build.sh).</summary>
    public static string Root => Copy.Value;

    public static string BuildScript => Path.Combine(Root, "build.sh");

    /// <summary>The copy's `git status --porcelain` once made (tests then write into it: profiles, plans).</summary>
    public static string StatusWhenMade => Root.Length > 0 ? statusWhenMade : "";
    static string statusWhenMade = "";

    /// <summary>Throws when a process a test starts would run in, or name a file of, the working repository.</summary>
    public static void RefuseWorkingRepository(string? workingDirectory, IEnumerable<string> arguments)
    {
        foreach (var path in arguments.Prepend(workingDirectory ?? ""))
            if (IsInWorkingRepository(path))
                throw new InvalidOperationException($"A test process must not run in the working repository ({path}): use WorkingCopy.Root.");
    }

    static bool IsInWorkingRepository(string path) =>
        Path.IsPathRooted(path) && (path == Repo.Root || path.StartsWith(Repo.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    static string Create()
    {
        RemoveLeftovers();
        var copy = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(copy);

        var head = Git(Repo.Root, "rev-parse", "HEAD").Trim();
        var branch = Git(Repo.Root, "rev-parse", "--abbrev-ref", "HEAD").Trim();
        Git(Path.GetTempPath(), "clone", "-q", "--no-checkout", Repo.Root, copy);
        Git(copy, ["checkout", "-q", .. branch == "HEAD" ? new[] { "--detach", head } : ["-B", branch, head]]);

        // What git sees in the working tree, as it is on disk: uncommitted edits and new files are what is tested.
        foreach (var file in Git(Repo.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var (from, to) = (Path.Combine(Repo.Root, file), Path.Combine(copy, file));
            if (File.Exists(from))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
            }
            else if (File.Exists(to)) File.Delete(to);
        }

        statusWhenMade = Git(copy, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all");

        // The compiled build and build.sh's stamps: with the same sources the stamp's content hash matches and the
        // copy runs without compiling (a stale or missing stamp compiles once, here, in the copy).
        var bin = Path.Combine(Repo.Root, "build", "bin");
        if (Directory.Exists(bin)) CopyTree(bin, Path.Combine(copy, "build", "bin"));
        var temp = Directory.CreateDirectory(Path.Combine(copy, ".nuke", "temp")).FullName;
        foreach (var stamp in new[] { "build.stamp", "build.stamp.sha256" })
            if (File.Exists(Path.Combine(Repo.Root, ".nuke", "temp", stamp)))
                File.Copy(Path.Combine(Repo.Root, ".nuke", "temp", stamp), Path.Combine(temp, stamp));

        var (exitCode, output) = Engine.BuildScriptTests.Start("bash", [Path.Combine(copy, "build.sh"), "--help", "--no-logo"], copy);
        if (exitCode != 0) throw new InvalidOperationException($"./build.sh --help failed in the working copy {copy}:\n{output}");
        return copy;
    }

    const string Prefix = "build-tests-working-copy-";

    /// <summary>The test host is often ended without ProcessExit: copies of test processes that are gone are removed here.</summary>
    static void RemoveLeftovers()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
            if (int.TryParse(Path.GetFileName(directory)[Prefix.Length..].Split('-')[0], out var pid) && !IsRunning(pid))
                Remove(directory);
    }

    static bool IsRunning(int pid)
    {
        try { using var process = System.Diagnostics.Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
    }

    static void Remove(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    static string Git(string directory, params string[] arguments) => TemporaryGitRepository.RunGit(directory, arguments);

    static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var directory in Directory.GetDirectories(from)) CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
