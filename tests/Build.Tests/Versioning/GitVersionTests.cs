using Versioning;

namespace Build.Tests.Versioning;

public class GitVersionTests
{
    const string Output = """
        {
          "BranchName": "feature/login",
          "BuildMetaData": null,
          "CommitsSinceVersionSource": 3,
          "EscapedBranchName": "feature-login",
          "FullSemVer": "1.2.4-login.1+3",
          "InformationalVersion": "1.2.4-login.1+3.Branch.feature-login.Sha.0123456789abcdef0123456789abcdef01234567",
          "Major": 1, "Minor": 2, "Patch": 4,
          "MajorMinorPatch": "1.2.4",
          "PreReleaseLabel": "login",
          "PreReleaseNumber": 1,
          "PreReleaseTag": "login.1",
          "SemVer": "1.2.4-login.1",
          "Sha": "0123456789abcdef0123456789abcdef01234567",
          "ShortSha": "0123456",
          "UncommittedChanges": 0,
          "WeightedPreReleaseNumber": 30001
        }
        """;

    [Fact]
    public void Reads_the_typed_fields()
    {
        var version = GitVersion.FromJson(Output);
        Assert.Equal((1, 2, 4), (version.Major, version.Minor, version.Patch));
        Assert.Equal("1.2.4-login.1", version.SemVer);
        Assert.Equal("1.2.4-login.1+3", version.FullSemVer);
        Assert.Equal("login.1", version.PreReleaseTag);
        Assert.Equal(1, version.PreReleaseNumber);
        Assert.Equal(3, version.CommitsSinceVersionSource);
        Assert.Equal("feature/login", version.BranchName);
        Assert.Equal("0123456", version.ShortSha);
        Assert.False(version.IsRelease);
    }

    [Fact]
    public void Keeps_every_variable_as_text_by_case_insensitive_name()
    {
        var version = GitVersion.FromJson(Output);
        Assert.Equal("30001", version.Variables["weightedprereleasenumber"]);
        Assert.Equal("", version.Variables["BuildMetaData"]);
        Assert.Equal("feature-login", version.Variables["ESCAPEDBRANCHNAME"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{ "Major": 1, "Minor": 2, "Patch": 3 }""")]
    [InlineData("""{ "Major": "x", "Minor": 2, "Patch": 3, "MajorMinorPatch": "1.2.3", "SemVer": "1.2.3", "FullSemVer": "1.2.3" }""")]
    public void Incomplete_output_is_a_format_error(string json) =>
        Assert.Throws<FormatException>(() => GitVersion.FromJson(json));
}
