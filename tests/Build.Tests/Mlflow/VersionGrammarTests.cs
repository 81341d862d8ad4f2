using CsCheck;
using Mlflow;

namespace Build.Tests.Mlflow;

public class VersionGrammarTests
{
    [Theory]
    [InlineData("1.34.0")]
    [InlineData("2.9.10")]
    [InlineData("1")]
    [InlineData("1.0rc1")]
    [InlineData("1.0-RC1")]
    [InlineData("1.0_alpha_2")]
    [InlineData("1.0a")]
    [InlineData("1.0.post1")]
    [InlineData("1.0-1")]
    [InlineData("1.0.dev3")]
    [InlineData("2!1.0.post1.dev2")]
    [InlineData("v1.0")]
    public void Accepts_PEP_440_public_versions(string version) => Assert.True(VersionGrammar.IsPythonPublicVersion(version));

    [Theory]
    [InlineData("")]
    [InlineData("1.0\nrequests")]
    [InlineData("1.0\n")]
    [InlineData("1.0\r\nrequests==2")]
    [InlineData("1.0; rm -rf /")]
    [InlineData("1.0;x")]
    [InlineData(">=1.0")]
    [InlineData("==1.0")]
    [InlineData("1.0,<2")]
    [InlineData("1.0 ")]
    [InlineData(" 1.0")]
    [InlineData("1 .0")]
    [InlineData("1.0\t")]
    [InlineData("1.0+local")]
    [InlineData("1.*")]
    [InlineData("1.0#x")]
    [InlineData("latest")]
    [InlineData("1.0 --index-url http://evil")]
    [InlineData("1.0.po\u017Ft1")]        // long s: equals 's' under IgnoreCase
    [InlineData("\uFF11.0")]              // full-width digit one
    [InlineData("1..0")]
    [InlineData("1.0rc1rc2")]
    [InlineData("99999999999999999999!1.0")]
    public void Rejects_everything_else(string version) => Assert.False(VersionGrammar.IsPythonPublicVersion(version));

    /// <summary>Versions spelled every way PEP 440 allows (epoch, release, pre, post, dev; separators; case).</summary>
    static readonly Gen<string> Pep440Versions =
        from epoch in Gen.OneOf(Gen.Const(""), Gen.Int[0, 9].Select(n => n + "!"))
        from release in Gen.Int[0, 999].Array[1, 4].Select(parts => string.Join('.', parts))
        from pre in Gen.OneOf(Gen.Const(""), Gen.Select(Gen.OneOf("", ".", "-", "_"), Gen.OneOf("a", "b", "c", "rc", "alpha", "Beta", "pre", "preview"), Gen.Int[0, 99], (s, l, n) => s + l + n))
        from post in Gen.OneOf(Gen.Const(""), Gen.Int[0, 99].Select(n => "-" + n), Gen.Select(Gen.OneOf("", ".", "-", "_"), Gen.OneOf("post", "rev", "r"), Gen.Int[0, 99], (s, l, n) => s + l + n))
        from dev in Gen.OneOf(Gen.Const(""), Gen.Select(Gen.OneOf("", ".", "-", "_"), Gen.Int[0, 99], (s, n) => s + "dev" + n))
        select epoch + release + pre + post + dev;

    [Fact]
    public void Generated_PEP_440_versions_are_accepted() => Pep440Versions.Sample(VersionGrammar.IsPythonPublicVersion);

    /// <summary>The Dockerfile's RUN repeats the check as a character class; every version the build accepts must pass it.</summary>
    [Fact]
    public void Every_accepted_version_passes_the_Dockerfile_character_check()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"));
        Assert.Contains("*[!0-9A-Za-z.!_-]*", dockerfile);
        static bool PassesShellCheck(string v) => v.All(c => char.IsAsciiLetterOrDigit(c) || ".!_-".Contains(c));
        Pep440Versions.Sample(PassesShellCheck);
        Gen.String[Gen.Char["0123456789.!_-aprv+ \n;*=<>"], 1, 12]
            .Sample(v => !VersionGrammar.IsPythonPublicVersion(v) || PassesShellCheck(v), iter: 10_000);
    }

    [Theory]
    [InlineData("v3.1.1")]
    [InlineData("latest")]
    [InlineData("3.1.1-py3.10")]
    [InlineData("_x")]
    public void Accepts_Docker_tags(string tag) => Assert.True(VersionGrammar.IsDockerTag(tag));

    [Theory]
    [InlineData("")]
    [InlineData("-v3")]
    [InlineData(".v3")]
    [InlineData("v3:latest")]
    [InlineData("v3.1.1\n")]
    [InlineData("v3 --build-arg X=1")]
    [InlineData("v3/x")]
    public void Rejects_what_is_not_a_Docker_tag(string tag) => Assert.False(VersionGrammar.IsDockerTag(tag));

    [Fact]
    public void Rejects_tags_over_128_characters()
    {
        Assert.True(VersionGrammar.IsDockerTag(new string('a', 128)));
        Assert.False(VersionGrammar.IsDockerTag(new string('a', 129)));
    }

    [Theory]
    [InlineData("ghcr.io/mlflow/mlflow")]
    [InlineData("127.0.0.1:5000/stand-in/mlflow")]
    [InlineData("localhost:5000/a/b")]
    [InlineData("mlflow")]
    [InlineData("docker.io/library/python")]
    [InlineData("a__b/c--d/e.f")]
    public void Accepts_Docker_repository_names(string image) => Assert.True(VersionGrammar.IsDockerRepository(image));

    [Theory]
    [InlineData("")]
    [InlineData("ghcr.io/Mlflow/mlflow")]
    [InlineData("ghcr.io/mlflow/mlflow:v3.1.1")]
    [InlineData("a b")]
    [InlineData("-x")]
    [InlineData("x/")]
    [InlineData("/x")]
    [InlineData("x//y")]
    [InlineData("x\ny")]
    public void Rejects_what_is_not_a_Docker_repository_name(string image) => Assert.False(VersionGrammar.IsDockerRepository(image));
}
