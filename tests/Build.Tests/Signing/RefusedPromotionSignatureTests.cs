using Build.Tests.Registry;
using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;
using Signing;
using Tooling;

namespace Build.Tests.Signing;

/// <summary>
/// A signed publish whose promotion is refused leaves no signature behind: the registry's tag list is exactly what
/// it was before the run. Real dockerd and cosign, an htpasswd registry behind the fault proxy.
/// </summary>
public class RefusedPromotionSignatureTests
{
    static ImageBuildRequest Request(ProxiedRegistry stage, string[] tags) =>
        stage.Sandbox.Request(stage.Image, tags, push: true, platforms: ["linux/amd64"]);

    static ProvenanceFacts Facts(IReadOnlyList<PlatformProvenance> platforms) => new()
    {
        SourceRepository = "https://github.com/Owner/Repo", Commit = new string('a', 40), Invocation = "host:test", BuilderId = "host:test", Platforms = platforms,
    };

    /// <summary>What Merge does with signing on (ISign): read the signature tags, sign before the tags move, undo when they did not.</summary>
    static (PromotionGate Sign, Func<StagedIndex, Task> Undo) Signing(ProxiedRegistry stage, CosignKeys keys, IReadOnlyList<PlatformImage> pushed, List<PublishedIndex>? signed = null)
    {
        SignatureTagsBefore? before = null;
        RegistryApi Api(ImageReference _) => stage.Api();
        var options = new CosignOptions { Key = keys.PrivateKey, Password = new Secret(keys.Password), AllowInsecureRegistry = true };
        PromotionGate sign = async (staged, _) =>
        {
            var index = PublishedIndex.FromManifest(staged.Manifest);
            signed?.Add(index);
            using (var api = stage.Api()) before = await SignatureTags.ReadAsync(api, stage.Image, [index.Digest, .. index.Platforms.Select(p => p.Digest)]);
            await new ImageSigner(command => stage.Sandbox.Docker.RunAsync(command, echoOutput: false), Api).SignAndVerifyAsync(stage.Image, index.Digest, pushed,
                options, new SignerIdentity.PublicKey(keys.PublicKey), Facts, Path.Combine(stage.Sandbox.WorkDirectory, $"provenance-{index.Digest[7..19]}.json"));
            return null;
        };
        return (sign, async _ => { if (before is null) return; using var api = stage.Api(); await SignatureTags.RestoreAsync(api, before); });
    }

    /// <param name="samePlatform">
    /// The second build's platform image is the published one (only the index differs): its signature tag existed,
    /// cosign added to it, and it is put back as it was rather than deleted.
    /// </param>
    /// <param name="interrupt">Ctrl-C arrives while cosign signs (seen when signing ends): no tag moves either.</param>
    [SkippableTheory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_503_on_one_tag_move_after_signing_leaves_the_tag_list_exactly_as_before_the_run(bool samePlatform, bool interrupt = false)
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("refused-signed");
        using var keys = await CosignKeys.GenerateAsync();
        var first = Request(stage, ["1", "main", "latest"]);
        var builder = await BuilderProbe.ProbeAsync(stage.Sandbox.Docker, null, first.Platforms, onGitHubActions: false);
        // With the same platforms twice, their staging tags (the docker driver's) stay: the second index is made of them.
        var firstPushed = (await stage.Publisher.PushPlatformsAsync(first, builder)).Select(p => samePlatform ? p with { StagingTag = null } : p).ToList();
        var (sign, undo) = Signing(stage, keys, firstPushed);
        var published = await stage.Publisher.MergeAsync(first, firstPushed, builder, stage.Api, beforePromotion: sign, notPromoted: undo);
        var tagsBefore = (await stage.TagsAsync()).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(published!.Digest.Replace(':', '-') + ".sig", tagsBefore);
        var manifestsBefore = new Dictionary<string, string>();
        foreach (var tag in tagsBefore) manifestsBefore[tag] = await stage.DigestOfAsync(tag);

        if (!samePlatform) stage.Sandbox.WriteFixture("second");
        var second = Request(stage, ["2", "main", "latest"]) is var plain && samePlatform
            ? plain with { Annotations = [.. plain.Annotations, "index:org.example.publish=2"] } : plain;
        // The same platforms again: the published ones, under a new index.
        var pushed = samePlatform ? firstPushed : await stage.Publisher.PushPlatformsAsync(second, builder);
        var signed = new List<PublishedIndex>();
        (sign, undo) = Signing(stage, keys, pushed, signed);
        using var interrupted = new CancellationTokenSource();
        if (interrupt)
        {
            var signing = sign;
            sign = async (staged, current) => { var result = await signing(staged, current); interrupted.Cancel(); return result; };
        }
        else stage.Proxy.Fail(FaultyRegistryProxy.PutOfTag("latest"), RegistryFault.Unavailable);
        var error = await Assert.ThrowsAsync<BuildError>(() => stage.Publisher.MergeAsync(second, pushed, builder, stage.Api, beforePromotion: sign,
            interrupted: interrupted.Token, notPromoted: undo));

        Assert.Contains("every tag is where it was", error.Message);
        // The case is what it says: the platform image signed again is (or is not) the published one.
        Assert.Equal(samePlatform, signed.Single().Platforms.Select(p => p.Digest).SequenceEqual(published.Platforms.Select(p => p.Digest)));
        var tagsAfter = (await stage.TagsAsync()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tagsBefore, tagsAfter);
        // Every tag holds what it held, except the registry cache the second build exported (a cache, not a publication).
        foreach (var tag in tagsAfter.Where(t => !t.StartsWith("buildcache-", StringComparison.Ordinal))) Assert.True(manifestsBefore[tag] == await stage.DigestOfAsync(tag), $"{tag} moved; {error.Message}");
    }
}
