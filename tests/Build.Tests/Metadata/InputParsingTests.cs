using global::Metadata.Input;

namespace Build.Tests.Metadata;

public class InputParsingTests
{
    [Fact]
    public void Csv_fields_quotes_strict_and_relaxed()
    {
        Assert.Equal(["type=match", @"pattern=\d,\d"], CsvRecords.Fields(@"type=match,""pattern=\d,\d"""));
        Assert.Equal(["say \"hi\"", "x"], CsvRecords.Parse("say \"hi\",x", relaxQuotes: true)[0]);
        Assert.Equal(["a\"b"], CsvRecords.Fields("\"a\"\"b\""));
        Assert.Equal(["\"ab c"], CsvRecords.Parse("\"ab\" c", relaxQuotes: true)[0]);
        Assert.Throws<BuildError>(() => CsvRecords.Fields("say \"hi\",x"));
        Assert.Throws<BuildError>(() => CsvRecords.Fields("\"ab\" c"));
        Assert.Throws<BuildError>(() => CsvRecords.Fields("\"open"));
    }

    [Fact]
    public void List_inputs_split_lines_and_drop_comment_lines_only()
    {
        var lines = ActionInputList.Parse(["  type=ref,event=branch  ", "# a comment", "", "type=raw,value=a # not a comment", "  # indented comment", "type=sha"]);
        Assert.Equal(["type=ref,event=branch", "type=raw,value=a # not a comment", "# indented comment", "type=sha"], lines);
        Assert.Empty(ActionInputList.Parse(["", "   "]));
        // The list parser unquotes fields and joins them with ',' again, so a quoted comma splits the rule (as in the action).
        Assert.Equal(["type=match,pattern=\\d{1,2}"], ActionInputList.Parse(["type=match,\"pattern=\\d{1,2}\""]));
        Assert.Equal(["release1", "latest"], MetadataScenario.TagNames("refs/tags/release12", ActionInputList.Parse(["type=match,\"pattern=^release\\d\""]).ToArray()));
        Assert.Equal(["a", "b"], ActionInputList.Parse("a\r\nb"));
    }

    [Fact]
    public void An_indented_comment_becomes_a_raw_tag_as_in_the_action() =>
        Assert.Equal(["a", "indented-comment"], MetadataScenario.TagNames("refs/heads/dev", ActionInputList.Parse(["type=raw,a", "  # indented comment"]).ToArray()));

    [Fact]
    public void An_inline_comment_makes_enable_invalid() =>
        Assert.Throws<BuildError>(() => MetadataScenario.TagNames("refs/heads/master",
            ActionInputList.Parse(["type=raw,value=latest,enable={{is_default_branch}} # main only"]).ToArray()));

    [Fact]
    public void Tag_rules_fill_defaults_and_split_at_the_first_equals()
    {
        var rule = TagRule.Parse("type=raw,value=a=b,Prefix= x ");
        Assert.Equal(TagRuleType.Raw, rule.Type);
        Assert.Equal("a=b", rule["value"]);
        Assert.Equal("x", rule["prefix"]);
        Assert.Equal("200", rule["priority"]);
        Assert.Equal("true", rule["enable"]);
        Assert.Equal("=x", TagRule.Parse("=x")["value"]);
        Assert.Equal("sha-", TagRule.Parse("type=sha")["prefix"]);
        Assert.Equal("pr-", TagRule.Parse("type=ref,event=pr")["prefix"]);
        Assert.Equal("nightly", TagRule.Parse("type=schedule")["pattern"]);
    }

    [Theory]
    [InlineData("type=RAW,value=a")]
    [InlineData("type=ref")]
    [InlineData("type=ref,event=push")]
    [InlineData("type=semver")]
    [InlineData("type=match")]
    [InlineData("type=match,pattern=x,group=abc")]
    [InlineData("type=sha,format=full")]
    public void Invalid_rules_are_build_errors(string rule) => Assert.Throws<BuildError>(() => TagRule.Parse(rule));

    [Fact]
    public void Rules_sort_by_priority_stably_and_like_node_with_nan()
    {
        var sorted = TagRules.Parse(["type=sha", "type=raw,a", "type=ref,event=branch", "type=raw,b,priority=600", "type=schedule"]);
        Assert.Equal(["type=schedule", "type=ref", "type=raw", "type=raw", "type=sha"], sorted.Select(r => r.ToString().Split(',')[0]).ToArray());
        Assert.Equal(["600", "b"], new[] { sorted[1]["priority"]!, sorted[2]["value"]! });
        var withNaN = TagRules.Parse(["type=raw,a,priority=x", "type=raw,b,priority=5", "type=raw,c,priority=10"]);
        Assert.Equal(["a", "c", "b"], withNaN.Select(r => r["value"]));
    }

    [Fact]
    public void JavaScript_numbers()
    {
        Assert.Equal(0, JavaScriptNumber.Parse(""));
        Assert.Equal(16, JavaScriptNumber.Parse(" 0x10 "));
        Assert.Equal(1000, JavaScriptNumber.Parse("1e3"));
        Assert.True(double.IsNaN(JavaScriptNumber.Parse("12a")));
        Assert.Equal(1, JavaScriptNumber.ArrayIndex("1"));
        Assert.Null(JavaScriptNumber.ArrayIndex("01"));
    }
}
