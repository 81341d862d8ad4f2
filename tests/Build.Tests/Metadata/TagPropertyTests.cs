using System.Text.RegularExpressions;
using CsCheck;
using global::Metadata;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

/// <summary>For arbitrary branch names, refs, rules and flavors: every tag is Docker-valid and every image lower-case.</summary>
public class TagPropertyTests
{
    static readonly Regex DockerTagGrammar = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

    static readonly Gen<string> Name =
        Gen.String[Gen.OneOf(Gen.Char["abcXYZ019._-/#@ +~"], Gen.Char['\u00e0', '\u00ff'], Gen.Char['\u3040', '\u30ff'], Gen.Const('\ud83d'), Gen.Const('.')), 0, 180];

    static readonly Gen<string> Reference = Gen.OneOf(
        Name.Select(n => "refs/heads/" + n), Name.Select(n => "refs/tags/" + n),
        Gen.Int[1, 99999].Select(n => $"refs/pull/{n}/merge"), Gen.Const(""),
        Gen.OneOf("refs/tags/v1.2.3", "refs/tags/v2.0.0-rc.1", "refs/tags/1.2post1", "refs/tags/.v1", "refs/tags/-1.0"));

    static readonly Gen<string> Affix = Gen.OneOf(Gen.OneOf("", "-", ".", "{{branch}}-", "-{{sha}}", "{{tag}}.", "..x", "日本"), Name.Select(n => n.Replace(",", "").Replace("=", "").Replace("\"", "").Replace("{", "")));

    static readonly Gen<string> Rule = Gen.OneOf(
        Gen.OneOf("type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr", "type=edge", "type=schedule", "type=sha",
            "type=sha,format=long", "type=semver,pattern={{version}}", "type=semver,pattern={{major}}.{{minor}}", "type=pep440,pattern={{raw}}",
            "type=match,pattern=\\d+", "type=match,pattern=(.*),group=1", "type=raw,value={{branch}}", "type=raw,value=latest,enable={{is_default_branch}}",
            "type=raw,value={{date 'YYYY.MM.DD'}}", "type=raw,value=-{{sha}}"),
        Gen.Select(Gen.OneOf("type=ref,event=branch", "type=sha", "type=raw,value={{tag}}", "type=edge"), Affix, Affix,
            (rule, prefix, suffix) => $"{rule},prefix={prefix},suffix={suffix}"));

    static readonly Gen<string[]> Flavor = Gen.Select(Gen.OneOf("auto", "true", "false"), Affix, Affix, Gen.Bool,
        (latest, prefix, suffix, onLatest) => new[] { $"latest={latest}", $"prefix={prefix},onlatest={(onLatest ? "true" : "false")}", $"suffix={suffix}" });

    static readonly Gen<string> Image = Gen.String[Gen.Char["abcXYZ019._-/:"], 1, 40].Where(i => !i.Contains(',') && !i.Contains('='));

    [Fact]
    public void Every_tag_is_docker_valid_and_every_image_lower_case()
    {
        var computed = 0;
        Gen.Select(Reference, Gen.OneOf("push", "pull_request", "schedule", "workflow_dispatch", "release", "create"),
                Rule.Array[0, 6], Flavor, Image.Array[0, 3], Gen.OneOf<string?>(null, "0", "3", "40"),
                (reference, eventName, rules, flavor, images, shortSha) => (reference, eventName, rules, flavor, images, shortSha))
            .Sample(sample =>
            {
                var (reference, eventName, rules, flavor, images, shortSha) = sample;
                MetadataOutput output;
                try { output = Compute(Context(reference, eventName, shortShaLength: shortSha), rules, flavor, images); }
                catch (BuildError) { return; }
                Interlocked.Increment(ref computed);
                Assert.All(output.TagNames, tag => Assert.Matches(DockerTagGrammar, tag));
                Assert.Equal(output.TagNames.Distinct().Count(), output.TagNames.Count);
                Assert.Equal(output.Tags.Distinct().Count(), output.Tags.Count);
                Assert.All(output.Images, image => Assert.Equal(image.ToLowerInvariant(), image));
                Assert.All(output.Tags, tag =>
                {
                    var colon = tag.LastIndexOf(':');
                    var name = output.Images.Count == 0 ? tag : tag[(colon + 1)..];
                    Assert.Matches(DockerTagGrammar, name);
                    Assert.Equal(tag.ToLowerInvariant()[..(tag.Length - name.Length)], tag[..(tag.Length - name.Length)]);
                });
            }, iter: 3000);
        Assert.True(computed > 2000, $"only {computed} of 3000 samples computed without a BuildError");
    }

    [Fact]
    public void Arbitrary_branch_names_give_valid_branch_tags() =>
        Name.Sample(branch =>
        {
            var names = TagNames("refs/heads/" + branch, "type=ref,event=branch", "type=sha,prefix={{branch}}-", "type=raw,value={{branch}}");
            Assert.All(names, tag => Assert.Matches(DockerTagGrammar, tag));
        }, iter: 3000);
}
