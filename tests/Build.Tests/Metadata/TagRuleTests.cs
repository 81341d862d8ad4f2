using global::Metadata;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

/// <summary>One or more tests per rule type and attribute.</summary>
public class TagRuleTests
{
    [Fact]
    public void Schedule_gives_nightly_or_its_pattern_only_on_schedule_events()
    {
        Assert.Equal(["nightly"], Compute(Context("refs/heads/master", "schedule"), ["type=schedule"]).TagNames);
        Assert.Equal(["20200110"], Compute(Context("refs/heads/master", "schedule"), ["type=schedule,pattern={{date 'YYYYMMDD'}}"]).TagNames);
        Assert.Empty(TagNames("refs/heads/master", "type=schedule"));
    }

    [Fact]
    public void Ref_rules_follow_the_ref_kind()
    {
        Assert.Equal(["feature-login"], TagNames("refs/heads/feature/login", "type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr"));
        Assert.Equal(["v1.2.3", "latest"], TagNames("refs/tags/v1.2.3", "type=ref,event=branch", "type=ref,event=tag"));
        Assert.Equal(["pr-42"], TagNames("refs/pull/42/merge", "type=ref,event=branch", "type=ref,event=pr"));
        Assert.Equal(["42"], TagNames("refs/pull/42/merge", "type=ref,event=pr,prefix="));
    }

    [Fact]
    public void Pull_request_target_uses_the_payloads_number()
    {
        var github = new global::GitHub.GitHubContext
        {
            EventName = "pull_request_target", Ref = "refs/heads/main", Sha = Sha,
            Payload = System.Text.Json.Nodes.JsonNode.Parse("""{"number": 7, "pull_request": {"head": {"sha": "abcdef0123456"}}}""")!.AsObject(),
        };
        var context = MetadataContext.FromGitHub(github, global::GitHub.Api.RepositoryData.Empty,
            new Dictionary<string, string?> { ["DOCKER_METADATA_PR_HEAD_SHA"] = "true" }, Now, Now);
        Assert.Equal("refs/pull/7/merge", context.Ref);
        Assert.Equal("abcdef0123456", context.Sha);
        Assert.Equal(["pr-7", "sha-abcdef0"], Compute(context, ["type=ref,event=pr", "type=sha"]).TagNames);
    }

    [Fact]
    public void Edge_is_the_default_branch_or_the_named_one()
    {
        Assert.Equal(["edge"], TagNames("refs/heads/master", "type=edge"));
        Assert.Empty(TagNames("refs/heads/dev", "type=edge"));
        Assert.Equal(["edge"], TagNames("refs/heads/dev", "type=edge,branch=dev"));
    }

    [Fact]
    public void Raw_takes_a_positional_or_named_value_and_enable()
    {
        Assert.Equal(["a", "b"], TagNames("refs/heads/dev", "type=raw,a", "type=raw,value=b", "type=raw,value=c,enable=false"));
        Assert.Equal(["a"], TagNames("refs/heads/dev", "a"));
        Assert.Throws<BuildError>(() => TagNames("refs/heads/dev", "type=raw,value=a,enable=yes"));
        Assert.Throws<BuildError>(() => TagNames("refs/heads/dev", "type=raw"));
    }

    [Fact]
    public void Sha_is_short_long_and_follows_the_short_sha_length()
    {
        Assert.Equal(["sha-860c190", "sha-" + Sha], TagNames("refs/heads/dev", "type=sha", "type=sha,format=long"));
        Assert.Equal(["sha-860c1904a1ce"], Compute(Context("refs/heads/dev", shortShaLength: "12"), ["type=sha"]).TagNames);
        Assert.Equal(["sha-" + Sha], Compute(Context("refs/heads/dev", shortShaLength: "99"), ["type=sha"]).TagNames);
        Assert.Equal(["dev-"], Compute(Context("refs/heads/dev", shortShaLength: "0"), ["type=sha,prefix={{branch}}-"]).TagNames);
        Assert.Throws<BuildError>(() => Compute(Context("refs/heads/dev", shortShaLength: "seven"), ["type=sha"]));
        Assert.Throws<BuildError>(() => TagNames("refs/heads/dev", "type=sha,format=medium"));
        Assert.Empty(Compute(Context("refs/heads/dev", sha: ""), ["type=sha"]).TagNames);
    }

    [Fact]
    public void Semver_patterns_and_prereleases()
    {
        Assert.Equal(["1.2.3", "1.2", "1", "latest"],
            TagNames("refs/tags/v1.2.3", "type=semver,pattern={{version}}", "type=semver,pattern={{major}}.{{minor}}", "type=semver,pattern={{major}}"));
        Assert.Equal(["1.2.3", "latest"], TagNames("refs/tags/v1.2.3+build.5", "type=semver,pattern={{version}}"));
        Assert.Equal(["2.0.8-beta.67"], TagNames("refs/tags/v2.0.8-beta.67", "type=semver,pattern={{major}}"));
        Assert.Equal(["v2.0.8-beta.67"], TagNames("refs/tags/v2.0.8-beta.67", "type=semver,pattern={{ raw }}"));
        foreach (var invalid in new[] { "V1.2.3", "v01.2.3", "1.0", "v1.2.3.4", "app/v1.2.3" })
            Assert.Empty(TagNames("refs/tags/" + invalid, "type=semver,pattern={{version}}"));
        Assert.Equal(["1.0.0", "latest"], TagNames("refs/tags/p1/v1.0.0", @"type=semver,pattern={{version}},""match=v(\d.\d.\d)$"""));
        Assert.Equal(["3.4.5", "latest"], TagNames("refs/heads/dev", "type=semver,pattern={{version}},value=v3.4.5"));
        Assert.Throws<BuildError>(() => TagNames("refs/tags/v1.2.3", "type=semver"));
    }

    [Fact]
    public void Pep440_patterns_and_normalization()
    {
        Assert.Equal(["1.2.0", "1.2", "latest"], TagNames("refs/tags/1.2", "type=pep440,pattern={{major}}.{{minor}}.{{patch}}", "type=pep440,pattern={{major}}.{{minor}}"));
        Assert.Equal(["1.1b2"], TagNames("refs/tags/1.1beta2", "type=pep440,pattern={{major}}"));
        Assert.Equal(["1.2.post1"], TagNames("refs/tags/1.2post1", "type=pep440,pattern={{version}}"));
        Assert.Equal(["v1.2.3rc2", "1.2.3rc2"], TagNames("refs/tags/v1.2.3rc2", "type=pep440,pattern={{raw}}", "type=pep440,pattern={{major}}"));
        Assert.Empty(TagNames("refs/tags/sometag", "type=pep440,pattern={{version}}"));
    }

    [Fact]
    public void Match_takes_a_group_of_a_plain_or_literal_pattern()
    {
        Assert.Equal(["20200110", "latest"], TagNames("refs/tags/20200110-RC2", @"type=match,pattern=(.*)-RC,group=1", "type=raw,x,enable=false"));
        Assert.Equal(["1.0.0", "latest"], TagNames("refs/tags/p1/v1.0.0", @"type=match,pattern=p1/v(\d.\d.\d),group=1"));
        Assert.Equal(["1.0.0", "latest"], TagNames("refs/tags/V1.0.0", @"type=match,""pattern=/^v(\d.\d.\d)$/i"",group=1"));
        Assert.Equal(["1.0.0", "2.0.0", "latest"], TagNames("refs/tags/x1.0.0-2.0.0", @"type=match,""pattern=/\d.\d.\d/g"",group=0", @"type=match,""pattern=/\d.\d.\d/g"",group=1"));
        Assert.Empty(TagNames("refs/tags/v1.0.0", @"type=match,pattern=v(\d),group=3"));
        Assert.Throws<BuildError>(() => TagNames("refs/tags/v1", "type=match,pattern=v,group=one"));
        Assert.Throws<BuildError>(() => TagNames("refs/tags/v1", "type=match,pattern=/v/q"));
    }

    [Fact]
    public void Priority_orders_rules_and_the_first_value_decides_latest()
    {
        Assert.Equal(["foo", "2.0.8-beta.67"], TagNames("refs/tags/v2.0.8-beta.67", "type=raw,priority=2000,foo", "type=semver,pattern={{version}}"));
        Assert.Equal(["foo", "v1.1.1"], TagNames("refs/tags/v1.1.1", "type=raw,priority=2000,foo", "type=ref,event=tag"));
        Assert.Equal(["dev", "sha-860c190"], TagNames("refs/heads/dev", "type=sha", "type=ref,event=branch"));
    }

    [Fact]
    public void Flavor_latest_prefix_suffix_and_onlatest()
    {
        var tag = Context("refs/tags/v1.1.1");
        Assert.Equal(["v1.1.1"], Compute(tag, ["type=ref,event=tag"], ["latest=false"]).TagNames);
        Assert.Equal(["dev", "latest"], Compute(Context("refs/heads/dev"), ["type=ref,event=branch"], ["latest=true"]).TagNames);
        Assert.Equal(["a-1.1.1-z", "latest"], Compute(tag, ["type=semver,pattern={{version}}"], ["prefix=a-", "suffix=-z"]).TagNames);
        Assert.Equal(["a-1.1.1-z", "a-latest-z"], Compute(tag, ["type=semver,pattern={{version}}"], ["prefix=a-,onlatest=true", "suffix=-z,onlatest=true"]).TagNames);
        Assert.Equal(["sha-860c190-z"], Compute(tag, ["type=sha"], ["prefix=a-", "suffix=-z", "latest=false"]).TagNames);
        Assert.Throws<BuildError>(() => Compute(tag, ["type=sha"], ["latest=maybe"]));
        Assert.Throws<BuildError>(() => Compute(tag, ["type=sha"], ["colour=blue"]));
        Assert.Throws<BuildError>(() => Compute(tag, ["type=sha"], ["prefix"]));
    }

    [Fact]
    public void Images_are_lower_cased_disabled_or_absent()
    {
        var context = Context("refs/heads/dev");
        Assert.Equal(["ghcr.io/myuser/myapp:dev"], Compute(context, ["type=ref,event=branch"], images: ["ghcr.io/MyUser/MyApp"]).Tags);
        Assert.Equal(["a/b:dev"], Compute(context, ["type=ref,event=branch"], images: ["a/b", "name=c/d,enable=false"]).Tags);
        Assert.Equal(["a/b:dev", "c/d:dev"], Compute(context, ["type=ref,event=branch"], images: ["a/b,c/d"]).Tags);
        Assert.Equal(["dev"], Compute(context, ["type=ref,event=branch"], images: []).Tags);
        Assert.Throws<BuildError>(() => Compute(context, ["type=ref,event=branch"], images: ["name=a/b,size=2", "c"]));
        Assert.Throws<BuildError>(() => Compute(context, ["type=ref,event=branch"], images: ["enable=true", "c"]));
    }

    [Fact]
    public void The_action_defaults_apply_to_an_empty_tags_input()
    {
        Assert.Equal(["dev"], TagNames("refs/heads/dev"));
        Assert.Equal(["v1", "latest"], TagNames("refs/tags/v1"));
        Assert.Equal(["nightly", "master"], Compute(Context("refs/heads/master", "schedule"), []).TagNames);
    }
}
