using global::Metadata;
using global::Metadata.Templates;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

/// <summary>{{#if}}/{{#unless}}/{{else}} as metadata-action renders them, with Handlebars' truthiness.</summary>
public class TemplateBlockTests
{
    static string Render(string template, MetadataContext context) => ContextTemplates.Render(template, context);

    static readonly MetadataContext Tag = Context("refs/tags/v1.2.3"), Main = Context("refs/heads/master"), Dev = Context("refs/heads/dev");

    [Fact]
    public void If_and_unless_test_for_an_empty_value()
    {
        Assert.Equal("branch master", Render("{{#if branch}}branch {{branch}}{{else}}tag {{tag}}{{/if}}", Main));
        Assert.Equal("tag v1.2.3", Render("{{#if branch}}branch {{branch}}{{else}}tag {{tag}}{{/if}}", Tag));
        Assert.Equal("no branch", Render("{{#unless branch}}no branch{{/unless}}", Tag));
        Assert.Equal("", Render("{{#unless branch}}no branch{{/unless}}", Main));
        Assert.Equal("b", Render("{{#unless tag}}b{{else}}t{{/unless}}", Dev));
        Assert.Equal("", Render("{{#if base_ref}}{{base_ref}}{{/if}}", Dev));
        Assert.Equal("main", Render("{{#if base_ref}}{{base_ref}}{{/if}}", Context("refs/tags/v1", payload: """{"base_ref": "refs/heads/main"}""")));
    }

    [Fact]
    public void Is_default_branch_is_a_non_empty_string_so_if_is_always_true()
    {
        Assert.Equal("true", Render("{{#if is_default_branch}}true{{else}}false{{/if}}", Main));
        Assert.Equal("true", Render("{{#if is_default_branch}}true{{else}}false{{/if}}", Dev));
        Assert.Equal("true", Render("{{#if is_not_default_branch}}true{{else}}false{{/if}}", Main));
        Assert.Equal("", Render("{{#unless is_default_branch}}x{{/unless}}", Dev));
    }

    [Fact]
    public void Literals_unknown_names_else_chains_nesting_and_whitespace_control()
    {
        Assert.Equal("a", Render("{{#if true}}a{{/if}}{{#if false}}b{{/if}}{{#if 0}}c{{/if}}{{#if ''}}d{{/if}}", Dev));
        Assert.Equal("z", Render("{{#if 0 includeZero=true}}z{{/if}}", Dev));
        Assert.Equal("", Render("{{#if nothing}}x{{/if}}", Dev));
        Assert.Equal("tag", Render("{{#if branch}}branch{{else if tag}}tag{{else}}none{{/if}}", Tag));
        Assert.Equal("none", Render("{{#if branch}}branch{{else if tag}}tag{{else}}none{{/if}}", Context("refs/pull/1/merge")));
        Assert.Equal("dev-x", Render("{{#if branch}}{{branch}}{{#unless tag}}-x{{/unless}}{{/if}}", Dev));
        Assert.Equal("a|b", Render("a {{~#if branch~}} |  {{~/if~}} b", Dev));
        Assert.Equal("o", Render("{{#if tag}}t{{^}}o{{/if}}", Dev));
        Assert.Equal("feat&#x3D;1", Render("{{#if branch}}{{branch}}{{/if}}", Context("refs/heads/feat=1")));
    }

    [Theory]
    [InlineData("{{#if branch}}x", "an unclosed {{#if}}")]
    [InlineData("{{#if branch}}x{{/unless}}", "if doesn't match unless")]
    [InlineData("x{{/if}}", "a {{/if}} without its block")]
    [InlineData("{{else}}x", "an {{else}} outside")]
    [InlineData("{{#if}}x{{/if}}", "#if requires exactly one argument")]
    [InlineData("{{#if a b}}x{{/if}}", "#if requires exactly one argument")]
    [InlineData("{{#each branch}}x{{/each}}", "is not supported here")]
    [InlineData("{{#branch}}x{{/branch}}", "is not supported here")]
    [InlineData("{{^branch}}x{{/branch}}", "is not supported here")]
    [InlineData("{{#if (eq branch 'main')}}x{{/if}}", "is not supported here")]
    public void A_broken_or_unsupported_block_is_one_line(string template, string message) =>
        Assert.Contains(message, Assert.Throws<BuildError>(() => Render(template, Dev)).Message);

    [Fact]
    public void Enable_value_and_labels_render_blocks()
    {
        string[] rules = ["type=raw,value=on-default,enable={{#if is_default_branch}}true{{else}}false{{/if}}",
            "type=raw,value={{#if branch}}b-{{branch}}{{else}}t-{{tag}}{{/if}}", "type=raw,value=untagged,enable={{#unless tag}}true{{else}}false{{/unless}}"];
        Assert.Equal(["on-default", "b-dev", "untagged"], Compute(Dev, rules).TagNames);
        Assert.Equal(["on-default", "t-v1.2.3"], Compute(Tag, rules).TagNames);
        var output = Compute(Tag, ["type=ref,event=tag"], labels: ["kind={{#if tag}}release{{else}}build{{/if}}"]);
        Assert.Contains("kind=release", output.Labels);
    }

    [Fact]
    public void A_block_over_a_never_empty_helper_warns_once()
    {
        var output = Compute(Dev, ["type=raw,value=a,enable={{#if is_default_branch}}true{{else}}false{{/if}}", "type=raw,value=b,enable={{#if is_default_branch}}true{{else}}false{{/if}}"],
            labels: ["x={{#unless is_default_branch}}y{{/unless}}", "z={{#if branch}}{{branch}}{{/if}}"]);
        var warning = Assert.Single(output.Warnings);
        Assert.StartsWith("{{#if is_default_branch}} is always true", warning);
        Assert.Empty(Compute(Dev, ["type=raw,value=a,enable={{is_default_branch}}", "type=raw,value={{#if branch}}b{{/if}}"]).Warnings);
    }
}
