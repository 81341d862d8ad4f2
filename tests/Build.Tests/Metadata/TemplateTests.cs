using global::Metadata;
using global::Metadata.Templates;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

public class TemplateTests
{
    static string Render(string template, MetadataContext context) => ContextTemplates.Render(template, context);

    [Fact]
    public void Branch_and_tag_come_from_the_ref()
    {
        Assert.Equal("feat/x|", Render("{{branch}}|{{tag}}", Context("refs/heads/feat/x")));
        Assert.Equal("|v1.2", Render("{{branch}}|{{tag}}", Context("refs/tags/v1.2")));
        Assert.Equal("|", Render("{{branch}}|{{tag}}", Context("refs/pull/1/merge")));
    }

    [Fact]
    public void Sha_is_the_short_sha()
    {
        Assert.Equal("860c190", Render("{{sha}}", Context("refs/heads/dev")));
        Assert.Equal("860c", Render("{{sha}}", Context("refs/heads/dev", shortShaLength: "4")));
    }

    [Fact]
    public void Base_ref_comes_from_a_tag_push_or_a_pull_request()
    {
        Assert.Equal("main", Render("{{base_ref}}", Context("refs/tags/v1", payload: """{"base_ref": "refs/heads/main"}""")));
        Assert.Equal("develop", Render("{{base_ref}}", Context("refs/pull/3/merge", payload: """{"pull_request": {"base": {"ref": "develop"}}}""")));
        Assert.Equal("", Render("{{base_ref}}", Context("refs/heads/dev", payload: """{"base_ref": "refs/heads/main"}""")));
    }

    [Fact]
    public void Default_branch_compares_with_the_payload_and_trusts_some_events()
    {
        Assert.Equal("true false", Render("{{is_default_branch}} {{is_not_default_branch}}", Context("refs/heads/master")));
        Assert.Equal("false true", Render("{{is_default_branch}} {{is_not_default_branch}}", Context("refs/heads/dev")));
        Assert.Equal("false", Render("{{is_default_branch}}", Context("refs/tags/master")));
        Assert.Equal("true", Render("{{is_default_branch}}", Context("refs/heads/dev", "schedule", payload: "{}")));
        Assert.Equal("true", Render("{{is_default_branch}}", Context("refs/tags/v1", "create", payload: "{}")));
        Assert.Equal("false", Render("{{is_default_branch}}", Context("", "schedule", payload: "{}")));
    }

    [Fact]
    public void Date_and_commit_date_format_with_moment_tokens_and_time_zones()
    {
        var context = Context("refs/heads/dev") with { CommitDate = new DateTimeOffset(2019, 12, 31, 23, 5, 9, 42, TimeSpan.Zero) };
        Assert.Equal("20200110-003000", Render("{{date 'YYYYMMDD-HHmmss'}}", context));
        Assert.Equal("20200110-093000", Render("{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", context));
        Assert.Equal("2019-12-31T23:05:09.042Z", Render("{{commit_date 'YYYY-MM-DDTHH:mm:ss.SSS[Z]'}}", context));
        Assert.Equal("2020-01-10T00:30:00Z", Render("{{date YYYY-MM-DD}}", context));
        Assert.Equal("2020-01-10T09:30:00+09:00", Render("{{date '' tz='Asia/Tokyo'}}", context));
        Assert.Throws<BuildError>(() => Render("{{date}}", context));
        Assert.Throws<BuildError>(() => Render("{{date 'YYYY' zone='UTC'}}", context));
    }

    [Fact]
    public void Output_is_html_escaped_except_in_triple_braces()
    {
        var context = Context("refs/heads/feat/a=b&c'd");
        Assert.Equal("feat/a&#x3D;b&amp;c&#x27;d", Render("{{branch}}", context));
        Assert.Equal("feat/a=b&c'd", Render("{{{branch}}}", context));
        Assert.Equal("feat/a=b&c'd", Render("{{& branch}}", context));
    }

    [Fact]
    public void Comments_escapes_whitespace_control_and_unknown_names()
    {
        var context = Context("refs/heads/dev");
        Assert.Equal("a-b", Render("a-{{! note }}b{{!-- long }} --}}", context));
        Assert.Equal("{{branch}} dev", Render(@"\{{branch}} {{branch}}", context));
        Assert.Equal("adev", Render("a  {{~branch}}", context));
        Assert.Equal("x", Render("x{{nothing}}", context));
        Assert.Throws<BuildError>(() => Render("{{nothing 'a'}}", context));
        Assert.Throws<BuildError>(() => Render("{{#each branch}}x{{/each}}", context));
        Assert.Throws<BuildError>(() => Render("{{branch", context));
    }

    [Theory]
    [InlineData("{{ raw }}", true)]
    [InlineData("{{raw}}", true)]
    [InlineData("{{ raw}}", true)]
    [InlineData("{{ raw }}.{{ version }}", false)]
    [InlineData("{{ version }},{{raw }.", false)]
    public void A_raw_statement_is_exactly_one_raw_mustache(string pattern, bool expected) =>
        Assert.Equal(expected, Template.IsRawStatement(pattern));
}
