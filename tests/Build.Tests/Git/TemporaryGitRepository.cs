using System.Diagnostics;

namespace Build.Tests.Git;

/// <summary>A real git repository in a temporary directory, made with the git CLI; deleted on dispose.</summary>
public sealed class TemporaryGitRepository : IDisposable
{
    int counter;

    TemporaryGitRepository(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new repository on branch main, with a build root (.nuke/) and no commits.</summary>
    public static TemporaryGitRepository Create(bool withBuildRoot = true)
    {
        var repository = new TemporaryGitRepository(NewDirectory("repo"));
        if (withBuildRoot)
        {
            // A committed build root, so clones have it too; what a local run writes (schema, temp, the generated
            // workflow) is ignored, so the repository stays clean.
            Directory.CreateDirectory(System.IO.Path.Combine(repository.Path, ".nuke"));
            File.WriteAllText(System.IO.Path.Combine(repository.Path, ".nuke", "parameters.json"), "{}\n");
            File.WriteAllText(System.IO.Path.Combine(repository.Path, ".gitignore"), ".nuke/temp/\n.nuke/build.schema.json\n.github/\n");
        }
        repository.Git("init", "-q", "-b", "main");
        return repository;
    }

    /// <summary>A new repository with <paramref name="count"/> commits on main.</summary>
    public static TemporaryGitRepository WithCommits(int count)
    {
        var repository = Create();
        for (var i = 1; i <= count; i++) repository.Commit($"commit {i}");
        return repository;
    }

    /// <summary>The project's GitVersion.yml, a release tagged v1.2.3 on main, then <paramref name="commitsAfter"/> commits.</summary>
    public static TemporaryGitRepository Released(int commitsAfter)
    {
        var repository = Create();
        repository.UseProjectGitVersionConfiguration();
        repository.AddImageDockerfile();
        repository.Commit("release");
        repository.Git("tag", "v1.2.3");
        for (var i = 1; i <= commitsAfter; i++) repository.Commit($"after the release {i}");
        return repository;
    }

    /// <summary>
    /// The project's dockerfile.mlflow, whose ARG MLFLOW_VERSION line is the build's default MLflow version (Tag reads
    /// it for the image version), kept out of git (.git/info/exclude) so the repository's history and status stay as made.
    /// </summary>
    public void AddImageDockerfile()
    {
        File.Copy(System.IO.Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), System.IO.Path.Combine(Path, "dockerfile.mlflow"), overwrite: true);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".git", "info"));
        File.AppendAllText(System.IO.Path.Combine(Path, ".git", "info", "exclude"), "dockerfile.mlflow\n");
    }

    /// <summary>`git clone --depth 1 file://source`: a shallow clone whose origin is the source.</summary>
    public static TemporaryGitRepository ShallowClone(TemporaryGitRepository source, string? branch = null)
    {
        var clone = new TemporaryGitRepository(NewDirectory("clone"));
        string[] branchArguments = branch is null ? [] : ["--branch", branch];
        RunGit(System.IO.Path.GetTempPath(), ["clone", "-q", "--depth", "1", .. branchArguments, "file://" + source.Path, clone.Path]);
        return clone;
    }

    /// <summary>
    /// What actions/checkout does with its default fetch-depth 1: init, add origin, fetch only
    /// <paramref name="refspec"/> one commit deep without tags, check out <paramref name="checkout"/> detached.
    /// </summary>
    public static TemporaryGitRepository ActionsCheckout(TemporaryGitRepository source, string refspec, string checkout)
    {
        var clone = new TemporaryGitRepository(NewDirectory("actions"));
        clone.Git("init", "-q");
        clone.Git("remote", "add", "origin", "file://" + source.Path);
        clone.Git("fetch", "-q", "--no-tags", "--depth=1", "origin", refspec);
        clone.Git("checkout", "-q", "--detach", checkout);
        return clone;
    }

    /// <summary>What actions/checkout does with fetch-depth 0: all branches and tags, <paramref name="checkout"/> detached.</summary>
    public static TemporaryGitRepository FullCheckout(TemporaryGitRepository source, string checkout)
    {
        var clone = new TemporaryGitRepository(NewDirectory("actions"));
        clone.Git("init", "-q");
        clone.Git("remote", "add", "origin", "file://" + source.Path);
        clone.Git("fetch", "-q", "--tags", "origin", "+refs/heads/*:refs/remotes/origin/*");
        clone.Git("checkout", "-q", "--detach", checkout);
        return clone;
    }

    /// <summary>A directory with a build root and no repository: the temporary folder is outside any repository.</summary>
    public static string NewDirectoryOutsideRepository()
    {
        var directory = NewDirectory("plain");
        Directory.CreateDirectory(System.IO.Path.Combine(directory, ".nuke"));
        return directory;
    }

    /// <summary>Commits a change to a file and returns the new sha.</summary>
    public string Commit(string message = "change")
    {
        File.AppendAllText(System.IO.Path.Combine(Path, "file.txt"), $"{++counter} {message}\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
        return Sha();
    }

    public string Sha(string revision = "HEAD") => Git("rev-parse", revision).Trim();

    /// <summary>Copies the project's own GitVersion.yml so the versions follow its configuration.</summary>
    public void UseProjectGitVersionConfiguration() =>
        File.Copy(System.IO.Path.Combine(Support.Repo.Root, "GitVersion.yml"), System.IO.Path.Combine(Path, "GitVersion.yml"), overwrite: true);

    public string Git(params string[] arguments) => RunGit(Path, arguments);

    public static string RunGit(string directory, string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // A fixed identity and no user or system configuration: the tests must not depend on the machine's git setup.
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        return output.Result;
    }

    static string NewDirectory(string kind)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"build-tests-{kind}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
