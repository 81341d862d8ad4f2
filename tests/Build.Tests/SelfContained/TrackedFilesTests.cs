using Build.Tests.Git;
using Build.Tests.Support;

namespace Build.Tests.SelfContained;

/// <summary>The repository stands alone: no tracked file names a folder beside the clone or a path of this machine.</summary>
public class TrackedFilesTests
{
    /// <summary>The team's reference folder beside a working clone; built from parts so that this file does not name it.</summary>
    static readonly string SiblingFolder = string.Join('/', "..", "shared");

    /// <summary>What a file could point at outside a clone: the folder beside it, and where this machine keeps things.</summary>
    static IEnumerable<string> OutsidePaths()
    {
        yield return SiblingFolder;
        yield return "/tmp/ci-docker";
        yield return Repo.Root + "/";
        // The folder that holds the clone (e.g. a workspace root), and the user's home, as absolute paths.
        if (Path.GetDirectoryName(Repo.Root) is { Length: > 1 } parent) yield return parent.TrimEnd('/') + "/";
        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 1 } home) yield return home.TrimEnd('/') + "/";
    }

    /// <summary>This file names the patterns it looks for.</summary>
    const string ThisFile = "tests/Build.Tests/SelfContained/TrackedFilesTests.cs";

    /// <summary>Upstream's conformance data holds the paths of the GitHub runner it was recorded on (/home/runner/...).</summary>
    const string RecordedElsewhere = "tests/Build.Tests/Metadata/Conformance/";

    [Fact]
    public void No_tracked_file_refers_to_a_path_outside_the_clone()
    {
        var patterns = OutsidePaths().Distinct().ToList();
        var files = TemporaryGitRepository.RunGit(Repo.Root, ["ls-files"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(files);
        var found = (
            from file in files
            let path = Path.Combine(Repo.Root, file)
            where File.Exists(path) && file != ThisFile
            from line in File.ReadLines(path).Select((text, index) => (text, number: index + 1))
            from pattern in patterns
            where line.text.Contains(pattern, StringComparison.Ordinal) && (pattern == SiblingFolder || !file.StartsWith(RecordedElsewhere, StringComparison.Ordinal))
            select $"{file}:{line.number}: {pattern}").ToList();
        Assert.True(found.Count == 0, $"tracked files name paths outside the clone ({string.Join(", ", patterns)}):\n" + string.Join('\n', found));
    }
}
