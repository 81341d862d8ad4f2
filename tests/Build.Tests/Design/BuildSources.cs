using Build.Tests.Support;

namespace Build.Tests.Design;

/// <summary>The build's C# files (build/**/*.cs outside bin/ and obj/), as the design tests read them.</summary>
static class BuildSources
{
    /// <summary>Each file's path relative to build/ ('/' separated) and its text, in path order.</summary>
    public static IEnumerable<(string Path, string Source)> Files()
    {
        var build = Path.Combine(Repo.Root, "build");
        return Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(build, file).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(build, path))));
    }
}
