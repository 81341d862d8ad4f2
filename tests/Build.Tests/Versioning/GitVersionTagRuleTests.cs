namespace Build.Tests.Versioning;

/// <summary>`_build Tag` with and without {{gitversion.*}} rules, on a real repository (v1.2.3 and one commit after it).</summary>
public class GitVersionTagRuleTests
{
    static readonly Dictionary<string, string> NoGitVersion = new() { ["GITVERSION_EXE"] = "/nonexistent/gitversion.dll" };

    [Fact]
    public async Task Gitversion_templates_become_tags()
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        var expected = GitVersionEngine.Run(repository.Path);

        var (exitCode, output) = await Components.BuildProcess.RunAsync(repository.Path, null, "Tag", "--images", "img",
            "--tags", "type=raw,value={{gitversion.semver}}", "type=raw,value=v{{ GitVersion.MajorMinorPatch }}-{{gitversion.ShortSha}}");

        Assert.True(exitCode == 0, output);
        Assert.Equal("1.2.4-1", expected["SemVer"]);
        Assert.Equal(["img:1.2.4-1", $"img:v1.2.4-{expected["ShortSha"]}"], Tags(output));
    }

    [Fact]
    public async Task Checkout_and_tag_share_one_gitversion_run()
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 1);

        // Verbose: the rule is read (and GitVersion run) while parameters are checked, before the first target,
        // where command lines are detail.
        var (exitCode, output) = await Components.BuildProcess.RunAsync(repository.Path, null, "Checkout", "Tag", "--images", "img",
            "--tags", "type=raw,value={{gitversion.fullsemver}}", "--verbosity", "verbose");

        Assert.True(exitCode == 0, output);
        Assert.Single(output.Split('\n'), line => line.Contains("gitversion.dll"));
        Assert.Contains("GitVersion: SemVer 1.2.4-1, FullSemVer 1.2.4-1", output);
        Assert.Equal(["img:1.2.4-1"], Tags(output));
    }

    [Fact]
    public async Task Without_such_rules_gitversion_never_runs_and_tags_are_metadata_actions()
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 1);

        var (exitCode, output) = await Components.BuildProcess.RunAsync(repository.Path, NoGitVersion, "Tag", "--images", "img",
            "--tags", "type=ref,event=branch", "type=sha,prefix=", "type=raw,value=latest,enable={{is_default_branch}}");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("gitversion", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["img:main", $"img:{repository.Sha()[..7]}"], Tags(output).Take(2));
    }

    [Theory]
    [InlineData(false, "Tag rule 'type=raw,value={{gitversion.nope}}' names '{{gitversion.nope}}', which GitVersion does not produce; use one of: ")]
    [InlineData(true, "GITVERSION_EXE is '/nonexistent/gitversion.dll', but no such file exists.")]
    public async Task A_rule_gitversion_cannot_fill_fails_with_one_line(bool withoutGitVersion, string expected)
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        var rule = withoutGitVersion ? "type=raw,value={{gitversion.semver}}" : "type=raw,value={{gitversion.nope}}";

        var (exitCode, output) = await Components.BuildProcess.RunAsync(repository.Path, withoutGitVersion ? NoGitVersion : null,
            "Tag", "--images", "img", "--tags", rule);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output);
        Assert.Empty(Tags(output));
    }

    /// <summary>The Tag target's "tag | image:tag" lines.</summary>
    static List<string> Tags(string output) =>
        output.Split('\n').Where(line => line.Contains("] tag ")).Select(line => line.Split('|')[1].Trim()).ToList();
}
