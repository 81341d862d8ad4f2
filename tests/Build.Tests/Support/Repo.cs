namespace Build.Tests.Support;

/// <summary>Where the repository under test is.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")) && File.Exists(Path.Combine(dir.FullName, "build.sh")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (.nuke/ and build.sh) above " + AppContext.BaseDirectory);
    }
}
