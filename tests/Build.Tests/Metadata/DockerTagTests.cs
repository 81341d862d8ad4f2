using global::Metadata;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

/// <summary>Item 2 of the issue: never a tag Docker rejects.</summary>
public class DockerTagTests
{
    [Theory]
    [InlineData("v3\n")]
    [InlineData("-x")]
    [InlineData("")]
    public void Tags_Docker_rejects_are_not_valid(string tag) => Assert.False(DockerTag.IsValid(tag));

    [Fact]
    public void Leading_dots_and_dashes_are_stripped_long_tags_cut_empty_dropped_repeats_once()
    {
        var warnings = new List<string>();
        var tags = DockerTag.MakeValid(["-1ec004e", ".hidden", new string('a', 150), "-", "ok", "ok", "..ok"], warnings.Add);
        Assert.Equal(["1ec004e", "hidden", new string('a', 128), "ok"], tags);
        Assert.Equal(7, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("cannot start with"));
        Assert.Contains(warnings, w => w.Contains("at most 128"));
        Assert.Contains(warnings, w => w.Contains("dropped"));
    }

    [Fact]
    public void A_branch_prefix_on_a_tag_push_no_longer_gives_a_leading_dash()
    {
        var output = Compute(Context("refs/tags/v1.2.3"), ["type=sha,prefix={{branch}}-", "type=ref,event=tag"]);
        Assert.Equal(["v1.2.3", "860c190", "latest"], output.TagNames);
        Assert.Contains(output.Warnings, w => w.Contains("-860c190"));
    }

    [Fact]
    public void Latest_twice_is_emitted_once() =>
        Assert.Equal(["dev", "latest"], Compute(Context("refs/heads/dev"), ["type=ref,event=branch", "type=raw,latest"], ["latest=true"]).TagNames);

    [Fact]
    public void Unicode_and_symbols_in_branches()
    {
        Assert.Equal(["n-c-d--branch"], TagNames("refs/heads/ünïcödé-branch", "type=ref,event=branch"));
        Assert.Empty(TagNames("refs/heads/日本語ブランチ", "type=ref,event=branch"));
        Assert.Equal(["fix-42"], TagNames("refs/heads/fix#42", "type=ref,event=branch"));
        Assert.Equal(["Feature-Login"], TagNames("refs/heads/Feature/Login", "type=ref,event=branch"));
    }
}
