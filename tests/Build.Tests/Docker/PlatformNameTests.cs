using Docker;

namespace Build.Tests.Docker;

/// <summary>--platforms: a typo is named as one, with the known names, before any builder is asked.</summary>
public class PlatformNameTests
{
    [Theory]
    [InlineData("linux/amd6", "'amd6' is not an architecture docker knows (did you mean linux/amd64?)")]
    [InlineData("linxu/arm64", "'linxu' is not an operating system docker knows (did you mean linux/arm64?)")]
    [InlineData("linux/zz80", "'zz80' is not an architecture docker knows (known: 386, amd64,")]
    public void A_typo_names_the_known_platforms_and_no_QEMU(string platform, string message)
    {
        var error = Assert.Throws<BuildError>(() => ImageNameRules.RequirePlatforms([platform]));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("QEMU", error.Message);
    }

    [Theory]
    [InlineData("linux/amd64")]
    [InlineData("linux/arm64/v8")]
    [InlineData("linux/arm/v7")]
    [InlineData("Linux/AMD64")]
    [InlineData("linux/x86_64")]
    public void Known_platforms_and_docker_aliases_pass(string platform) =>
        Assert.Equal([platform], ImageNameRules.RequirePlatforms([platform]));

    [Fact]
    public void The_list_is_normalised_once_trimmed_without_blanks_or_repeats() =>
        Assert.Equal(["linux/amd64", "linux/arm64"], ImageNameRules.NormalisePlatforms(["linux/amd64", " linux/arm64", "", "linux/amd64"]));

    [Fact]
    public void A_list_of_blanks_names_no_platform_and_says_so() =>
        Assert.Contains("--platforms names no platform", Assert.Throws<BuildError>(() => ImageNameRules.NormalisePlatforms([" ", ""])).Message);
}
