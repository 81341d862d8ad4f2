using System.Xml.Linq;
using Versioning;

namespace Build.Tests.Versioning;

public class GitVersionToolTests
{
    static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Finds_the_engine_in_the_user_nuget_folder()
    {
        var expected = "/home/u/.nuget/packages/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll";
        Assert.Equal(expected, GitVersionTool.Locate(Environment(), "/home/u", path => path == expected).Path);
    }

    [Fact]
    public void Nuget_packages_moves_the_folder()
    {
        var expected = "/cache/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll";
        Assert.Equal(expected, GitVersionTool.Locate(Environment(("NUGET_PACKAGES", "/cache")), "/home/u", path => path == expected).Path);
    }

    [Fact]
    public void The_override_wins_and_must_exist()
    {
        Assert.Equal("/opt/gv/gitversion", GitVersionTool.Locate(Environment(("GITVERSION_EXE", "/opt/gv/gitversion")), "/home/u", _ => true).Path);
        var error = Assert.Throws<BuildError>(() => GitVersionTool.Locate(Environment(("GITVERSION_EXE", "/nope.dll")), "/home/u", _ => false));
        Assert.Equal("GITVERSION_EXE is '/nope.dll', but no such file exists.", error.Message);
    }

    [Fact]
    public void A_missing_package_says_to_restore()
    {
        var error = Assert.Throws<BuildError>(() => GitVersionTool.Locate(Environment(), "/home/u", _ => false));
        Assert.Contains("restore the build project", error.Message);
    }

    [Fact]
    public void A_dll_runs_with_dotnet_and_the_repository_comes_first()
    {
        var command = new GitVersionTool("/p/gitversion.dll").Command("/repo", Environment(("DOTNET_EXE", "/usr/share/dotnet/dotnet")));
        Assert.Equal("/usr/share/dotnet/dotnet", command.Executable);
        Assert.Equal(["/p/gitversion.dll", "/repo", "/output", "json", "/nofetch", "/nocache", "/nonormalize"], command.Arguments);
        Assert.Equal(["/repo", "/output", "json", "/nofetch", "/nocache", "/nonormalize"], new GitVersionTool("/opt/gitversion").Command("/repo", Environment()).Arguments);
    }

    [Fact]
    public void The_version_is_the_one_the_build_project_downloads()
    {
        var project = XDocument.Load(Path.Combine(Support.Repo.Root, "build", "_build.csproj"));
        var download = project.Descendants("PackageDownload").Single(e => (string?)e.Attribute("Include") == "GitVersion.MsBuild");
        Assert.Equal("[$(GitVersionEngineVersion)]", (string?)download.Attribute("Version"));
        Assert.Equal(GitVersionTool.PackageVersion, project.Descendants("GitVersionEngineVersion").Single().Value);
    }

    [Fact]
    public void The_copy_beside_the_build_wins_over_the_nuget_folder()
    {
        var beside = "/repo/build/bin/Debug/gitversion/gitversion.dll";
        Assert.Equal(beside, GitVersionTool.Locate(Environment(), "/home/u", _ => true, "/repo/build/bin/Debug/").Path);
        var expected = "/home/u/.nuget/packages/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll";
        Assert.Equal(expected, GitVersionTool.Locate(Environment(), "/home/u", path => path == expected, "/repo/build/bin/Debug/").Path);
    }

    [Fact]
    public void The_compiled_build_carries_the_engine_for_this_machine_only()
    {
        var folder = Path.Combine(Support.Repo.Root, "build", "bin", "Debug", "gitversion");
        Assert.True(File.Exists(Path.Combine(folder, "gitversion.dll")), $"{folder}/gitversion.dll is missing: the build project copies it after each compile");
        Assert.Single(Directory.GetDirectories(Path.Combine(folder, "runtimes")));
    }

    [Fact]
    public void Restore_brought_the_engine() =>
        Assert.True(File.Exists(GitVersionTool.Locate(System.Environment.GetEnvironmentVariable).Path));
}
