using CsCheck;
using Versioning;

namespace Build.Tests.Versioning;

public class GitVersionTemplatesTests
{
    static readonly GitVersion Version = GitVersion.FromJson("""
        { "Major": 1, "Minor": 2, "Patch": 4, "MajorMinorPatch": "1.2.4", "SemVer": "1.2.4-pr-7.3",
          "FullSemVer": "1.2.4-pr-7.3", "ShortSha": "abc1234", "BuildMetaData": null }
        """);

    [Theory]
    [InlineData("type=raw,value={{gitversion.semver}}", "type=raw,value=1.2.4-pr-7.3")]
    [InlineData("type=raw,value=v{{ GitVersion.MajorMinorPatch }}-{{gitversion.SHORTSHA}}", "type=raw,value=v1.2.4-abc1234")]
    [InlineData("type=raw,value={{gitversion.FullSemVer}},enable={{is_default_branch}}", "type=raw,value=1.2.4-pr-7.3,enable={{is_default_branch}}")]
    [InlineData("type=raw,value=x{{gitversion.buildmetadata}}", "type=raw,value=x")]
    public void Replaces_placeholders_by_case_insensitive_variable_name(string rule, string expanded)
    {
        Assert.True(GitVersionTemplates.Uses(rule));
        Assert.Equal(expanded, GitVersionTemplates.Expand(rule, Version));
    }

    [Fact]
    public void An_unknown_variable_is_one_clear_error()
    {
        var error = Assert.Throws<BuildError>(() => GitVersionTemplates.Expand("type=raw,value={{gitversion.nope}}", Version));
        Assert.StartsWith("Tag rule 'type=raw,value={{gitversion.nope}}' names '{{gitversion.nope}}', which GitVersion does not produce; use one of: BuildMetaData, FullSemVer,", error.Message);
    }

    [Fact]
    public void Rules_without_a_placeholder_stay_unchanged_and_never_run_gitversion()
    {
        Gen.String.Sample(rule =>
        {
            if (rule.Contains("gitversion.", StringComparison.OrdinalIgnoreCase)) return true;
            return GitVersionTemplates.Expand(rule, () => throw new InvalidOperationException("GitVersion ran")) == rule;
        });
        foreach (var rule in new[] { "type=semver,pattern={{version}}", "type=ref,event=pr", "type=raw,value={{sha}}", "type=raw,value={{gitversion}}" })
            Assert.Equal(rule, GitVersionTemplates.Expand(rule, () => throw new InvalidOperationException("GitVersion ran")));
    }
}
