using global::Metadata;
using global::Metadata.Input;
using global::Metadata.Templates;
using global::Metadata.Versions;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

/// <summary>
/// The action's less common corners (issue 19): expected values follow from metadata-action v6.2.0's meta.ts/tag.ts,
/// actions-toolkit's getInputList, csv-parse, node-semver, @renovate/pep440 and moment-timezone as pinned there.
/// </summary>
public class TagCornerTests
{
    static MetadataContext Schedule => Context("refs/heads/master", "schedule");

    [Fact]
    public void Schedule_patterns_see_only_the_date_helpers()
    {
        Assert.Equal(["nightly-"], Compute(Schedule, ["type=schedule,pattern=nightly-{{branch}}"]).TagNames);
        Assert.Empty(Compute(Schedule, ["type=schedule,pattern={{sha}}"]).TagNames);
        Assert.Equal(["20200110-"], Compute(Schedule, ["type=schedule,pattern={{date 'YYYYMMDD'}}-{{tag}}{{is_default_branch}}"]).TagNames);
        Assert.Equal(["20200110"], Compute(Schedule, ["type=schedule,pattern={{commit_date 'YYYYMMDD'}}"]).TagNames);
        // Prefix and suffix are not the pattern: they keep every helper.
        Assert.Equal(["860c190-nightly-master"], Compute(Schedule, ["type=schedule,prefix={{sha}}-,suffix=-{{branch}}"]).TagNames);
    }

    [Theory]
    [InlineData("Pacific/Pago_Pago", 1, "SST SST -11:00")]
    [InlineData("Asia/Kathmandu", 1, "+0545 +0545 +05:45")]
    [InlineData("Pacific/Niue", 1, "-11 -11 -11:00")]
    [InlineData("America/New_York", 1, "EST EST -05:00")]
    [InlineData("America/New_York", 7, "EDT EDT -04:00")]
    [InlineData("Europe/Paris", 1, "CET CET +01:00")]
    [InlineData("europe/paris", 7, "CEST CEST +02:00")]
    [InlineData("US/Eastern", 1, "EST EST -05:00")]
    [InlineData("UTC", 1, "UTC UTC +00:00")]
    [InlineData("Europe/London", 1, "GMT GMT +00:00")]
    [InlineData("Not/AZone", 1, "  +00:00")]
    public void Zone_abbreviations_are_the_tz_databases(string zone, int month, string expected)
    {
        var context = Context("refs/heads/dev") with { Now = new DateTimeOffset(2020, month, 10, 0, 30, 0, TimeSpan.Zero) };
        Assert.Equal(expected, ContextTemplates.Render($"{{{{date 'z zz Z' tz='{zone}'}}}}", context));
    }

    [Fact]
    public void Default_format_says_Z_only_in_a_zone_at_offset_zero()
    {
        // The README's example.
        Assert.Equal("0615 +0545", ContextTemplates.Render("{{date 'HHmm z' tz='Asia/Kathmandu'}}", Context("refs/heads/dev")));
        Assert.Equal("2020-01-10T00:30:00Z", ContextTemplates.Render("{{date '' tz='Europe/London'}}", Context("refs/heads/dev")));
        Assert.Equal("2020-01-10T00:30:00+00:00", ContextTemplates.Render("{{date '' tz='Not/AZone'}}", Context("refs/heads/dev")));
    }

    [Fact]
    public void Match_on_versions_sees_the_raw_tag_and_keeps_it_when_it_does_not_match()
    {
        Assert.Equal(["1.2.3", "1", "latest"], TagNames("refs/tags/app/v1.2.3",
            @"type=semver,pattern={{version}},match=app/v(\d.*)", @"type=semver,pattern={{major}},match=app/v(\d.*)"));
        Assert.Equal(["1.2.3", "latest"], TagNames("refs/tags/v1.2.3", @"type=semver,pattern={{version}},match=app/v(\d.*)"));
        Assert.Empty(TagNames("refs/tags/app/v1.2.3", @"type=semver,pattern={{version}},match=lib/v(\d.*)"));
        Assert.Equal(["1.2.3", "latest"], TagNames("refs/tags/py/1.2.3", @"type=pep440,pattern={{version}},match=py/(.*)"));
        Assert.Equal(["1.2", "latest"], TagNames("refs/tags/1.2", @"type=pep440,pattern={{version}},match=py/(.*)"));
        // A plain pattern: /.../ is not a literal here.
        Assert.Equal(["1.2.3", "latest"], TagNames("refs/tags/v1.2.3", @"type=semver,pattern={{version}},match=/v(\d.*)/"));
        // match[1] is undefined in the action, which then fails reading it.
        Assert.Throws<BuildError>(() => TagNames("refs/tags/v1.2.3", @"type=semver,pattern={{version}},match=v\d"));
    }

    [Fact]
    public void Semver_patterns_use_every_field_of_the_parsed_version()
    {
        const string tag = "refs/tags/v1.2.3+build.5";
        Assert.Equal(["1.2.3-build-5", "latest"], TagNames(tag, "type=semver,pattern={{version}}-{{build}}"));
        Assert.Equal(["v1.2.3-build.5", "latest"], TagNames(tag, "type=semver,pattern={{raw}}"));
        Assert.Equal(["build-2-5", "latest"], TagNames(tag, "type=semver,pattern={{build.0}}-{{build.length}}-{{this.build.[1]}}"));
        Assert.Equal(["1.2.3-true-false", "latest"], TagNames(tag, "type=semver,pattern={{major}}{{prerelease}}.{{minor}}.{{patch}}-{{loose}}-{{includePrerelease}}"));
        Assert.Equal(["0.0.0", "latest"], TagNames("refs/tags/0.0.0", "type=semver,pattern={{major}}.{{minor}}.{{patch}}"));
    }

    [Fact]
    public void Pep440_local_versions_print_like_the_library()
    {
        Assert.Equal(["1.2.3-local-7", "latest"], TagNames("refs/tags/1.2.3+local.7", "type=pep440,pattern={{version}}"));
        Assert.Equal(["1.2.3-local.7", "latest"], TagNames("refs/tags/1.2.3+local.7", "type=pep440,pattern={{raw}}"));
        Assert.Equal(["1.0rc1-local-2"], TagNames("refs/tags/1.0rc1+local.2", "type=pep440,pattern={{major}}"));
        Assert.Equal("1.0+ubuntu,7", Pep440Version.Parse("1.0+Ubuntu-007")!.ToString());
        Assert.Equal("1.0+abc,1000,31,x", Pep440Version.Parse("1.0+abc.1e3.0x1F.X")!.ToString());
        Assert.Equal("1!2.0.post3", Pep440Version.Parse("01!2.0-3")!.ToString());
        Assert.Equal("100000000000000000000.0", Pep440Version.Parse("99999999999999999999.0")!.ToString());
    }

    [Fact]
    public void List_inputs_unquote_csv_fields_before_the_rule_parser()
    {
        Assert.Equal(["type=semver,pattern={{major}}.{{minor}}"], ActionInputList.Parse(["\"type=semver,pattern={{major}}.{{minor}}\""]));
        Assert.Equal(["1.2", "latest"], TagNames("refs/tags/v1.2.3", ActionInputList.Parse(["\"type=semver,pattern={{major}}.{{minor}}\""]).ToArray()));
        Assert.Equal(["type=raw,value=quoted,entry"], ActionInputList.Parse(["\"type=raw,value=quoted,entry\""]));
        Assert.Equal(["entry"], TagNames("refs/heads/dev", ActionInputList.Parse(["\"type=raw,value=quoted,entry\""]).ToArray()));
        // The quoted comma comes back as a separator: pattern=\d{1 and a bare value 3}, then value=abc123; nothing matches.
        var entries = ActionInputList.Parse([@"type=match,""pattern=\d{1,3}"",value=abc123"]);
        Assert.Equal([@"type=match,pattern=\d{1,3},value=abc123"], entries);
        Assert.Equal(@"\d{1", TagRule.Parse(entries[0])["pattern"]);
        Assert.Empty(TagNames("refs/heads/dev", entries.ToArray()));
        Assert.Equal(["\"ab c", "say \"hi\""], ActionInputList.Parse(["\"ab\" c", "say \"hi\""]));
    }

    [Fact]
    public void A_quote_inside_a_rule_field_fails_as_csv_parse_does()
    {
        var entries = ActionInputList.Parse([@"type=match,pattern=""\d+"""]);
        Assert.Equal([@"type=match,pattern=""\d+"""], entries);
        var error = Assert.Throws<BuildError>(() => TagNames("refs/tags/v1", entries.ToArray()));
        Assert.Equal("Invalid Opening Quote: a quote is found on field 1 at line 1, value is \"pattern=\"", error.Message);
        Assert.Equal("Invalid Opening Quote: a quote is found on field 0 at line 1, value is \"a\\\\b\"",
            Assert.Throws<BuildError>(() => TagRule.Parse("a\\b\"")).Message);
        Assert.Equal("Invalid Closing Quote: got \"b\" at line 1 instead of delimiter, record delimiter, trimable character (if activated) or comment",
            Assert.Throws<BuildError>(() => TagRule.Parse("type=raw,\"a\"b")).Message);
        Assert.Equal("Quote Not Closed: the parsing is finished with an opening quote at line 1",
            Assert.Throws<BuildError>(() => ActionInputList.Parse(["type=raw,\"a"])).Message);
        Assert.Throws<BuildError>(() => global::Metadata.Input.Flavor.Parse(["prefix=\"x\"y"]));
    }
}
