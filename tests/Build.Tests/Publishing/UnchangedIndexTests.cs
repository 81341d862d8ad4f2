using System.Text;
using Publishing;
using Registry;

namespace Build.Tests.Publishing;

/// <summary>The rebuild check at Merge's promotion seam, on index bytes: per-platform image manifests, attestations ignored.</summary>
public class UnchangedIndexTests
{
    static readonly string Amd = "sha256:" + new string('1', 64), Arm = "sha256:" + new string('2', 64);

    /// <summary>An OCI index with the two platforms and an attestation manifest whose digest differs per build.</summary>
    static ManifestBytes Index(string amd64, string arm64, char attestation) => new("application/vnd.oci.image.index.v1+json", Encoding.UTF8.GetBytes($$$"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{amd64}}}","size":1,"platform":{"os":"linux","architecture":"amd64"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{arm64}}}","size":1,"platform":{"os":"linux","architecture":"arm64"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{new string(attestation, 64)}}}","size":1,"platform":{"os":"unknown","architecture":"unknown"}}]}
        """));

    static IReadOnlyList<TagBefore> Held(ManifestBytes index, params string[] tags) => tags.Select(t => new TagBefore(t, index.Digest, index)).ToList();

    [Fact]
    public void Same_platform_images_under_new_attestations_keep_every_tag()
    {
        var held = Index(Amd, Arm, 'a');
        Assert.Equal(held.Digest, UnchangedIndex.Since(new StagedIndex(Index(Amd, Arm, 'b'), false), Held(held, "3.1.1", "latest", "main")));
    }

    [Fact]
    public void A_changed_platform_image_a_new_tag_or_tags_on_different_indexes_move_them()
    {
        var held = Index(Amd, Arm, 'a');
        var changed = new StagedIndex(Index(Amd, "sha256:" + new string('3', 64), 'b'), false);
        Assert.Null(UnchangedIndex.Since(changed, Held(held, "3.1.1")));
        var same = new StagedIndex(Index(Amd, Arm, 'b'), false);
        Assert.Null(UnchangedIndex.Since(same, [.. Held(held, "3.1.1"), new TagBefore("3.1.1-abc1234", null, null)]));
        var other = Index(Amd, Arm, 'c');
        Assert.Null(UnchangedIndex.Since(same, [.. Held(held, "3.1.1"), .. Held(other, "latest")]));
        Assert.Null(UnchangedIndex.Since(same, []));
    }

    [Fact]
    public void A_tag_on_something_that_is_no_index_moves()
    {
        var single = new ManifestBytes("application/vnd.oci.image.manifest.v1+json", Encoding.UTF8.GetBytes("""{"schemaVersion":2,"config":{"digest":"sha256:x"},"layers":[]}"""));
        Assert.Null(UnchangedIndex.Since(new StagedIndex(Index(Amd, Arm, 'b'), false), Held(single, "main")));
    }

    [Fact]
    public async Task The_unchanged_gate_reports_the_digest_the_tags_keep()
    {
        var held = Index(Amd, Arm, 'a');
        TagBefore? kept = null;
        var reason = await UnchangedIndex.Gate(d => kept = d)(new StagedIndex(Index(Amd, Arm, 'b'), false), Held(held, "main"));
        Assert.Equal(held.Digest, kept?.Digest);
        Assert.Equal(held.Bytes, kept?.Manifest?.Bytes);
        Assert.StartsWith($"unchanged since {held.Digest}", reason);
    }
}
