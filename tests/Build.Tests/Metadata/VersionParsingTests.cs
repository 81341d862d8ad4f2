using global::Metadata.Versions;

namespace Build.Tests.Metadata;

public class VersionParsingTests
{
    [Theory]
    [InlineData("1.0dev4", "1.0.dev4", true)]
    [InlineData("1.1beta2", "1.1b2", true)]
    [InlineData("1.2.3rc2", "1.2.3rc2", true)]
    [InlineData("v1.2.3RC2", "1.2.3rc2", true)]
    [InlineData("1.2post1", "1.2.post1", false)]
    [InlineData("1.2-3", "1.2.post3", false)]
    [InlineData("1!2.0.01", "1!2.0.1", false)]
    [InlineData("1.0.0+Ubuntu-1", "1.0.0+ubuntu,1", false)]
    [InlineData("99999999999999999999!1.0", "100000000000000000000!1.0", false)]
    [InlineData("1.0a", "1.0a0", true)]
    [InlineData("2.0", "2.0", false)]
    public void Pep440_normalizes(string text, string normalized, bool prerelease)
    {
        var version = Pep440Version.Parse(text)!;
        Assert.Equal(normalized, version.ToString());
        Assert.Equal(prerelease, version.IsPrerelease);
    }

    [Theory]
    [InlineData("sometag")]
    [InlineData("1.0-beta-x")]
    [InlineData("")]
    public void Pep440_rejects(string text) => Assert.Null(Pep440Version.Parse(text));

    [Fact]
    public void Pep440_parts_default_to_zero()
    {
        var version = Pep440Version.Parse("3")!;
        Assert.Equal(("3", "0", "0"), (version.Major, version.Minor, version.Patch));
    }

    [Theory]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("1.2.3-beta.1+build", "1.2.3-beta.1")]
    [InlineData("V1.2.3", null)]
    [InlineData("1.2", null)]
    [InlineData("01.2.3", null)]
    [InlineData("1.2.3-01", null)]
    [InlineData("9007199254740992.0.0", null)]
    public void Semver_is_node_semvers_strict_valid(string text, string? expected) =>
        Assert.Equal(expected, StrictSemver.Parse(text) is { } v ? StrictSemver.VersionText(v) : null);
}
