using Publishing;
using Registry;
using Signing;

namespace Components;

/// <summary>
/// Signing as Merge runs it: before the tags move (sign, attest, verify the staged index), when they did not move
/// after all (the signatures go again), and when the tags keep an unchanged index (it must verify with this run's signer).
/// </summary>
partial interface ISign
{
    /// <summary>The signature tags of the index being signed, as they were before cosign wrote (undone when no tag moves to it).</summary>
    static readonly Result<SignatureTagsBefore> SignaturesBefore = new(nameof(IMerge.Merge), "signature tags before signing", Changes: true);

    /// <summary>Merge's seam: signs, attests and verifies the staged index; throws (so no tag moves) on any failure.</summary>
    async Task SignBeforePromotionAsync(PublishedIndex index, IReadOnlyList<PlatformImage> pushed)
    {
        Results.Set(SignaturesBefore, null!);
        var signatures = SignaturesRepository ?? Image;
        using (var api = RegistryApiFor(ImageReference.Parse(signatures)))
            Results.Set(SignaturesBefore, await SignatureTags.ReadAsync(api, signatures, [index.Digest, .. index.Platforms.Select(p => p.Digest)]));
        var signer = new ImageSigner(RunCosignAsync, RegistryApiFor);
        IReadOnlyList<PlatformProvenance> platforms = [];
        var report = await signer.SignAndVerifyAsync(Image, index.Digest, pushed, CosignOptions, Verifier,
            resolved => ProvenanceFor(platforms = resolved), TemporaryDirectory / "provenance.json");
        foreach (var line in report.ToTextLines()) Log.Information(line);
        var bases = platforms.SelectMany(p => p.BaseImages.Select(b => (p.Platform, b.Uri, b.Digest))).ToList();
        Results.Set(Signed, new SigningOutcome(report, Verifier, TemporaryDirectory / "provenance.json", bases));
    }

    /// <summary>
    /// An unchanged rebuild keeps the index the tags hold: it must still verify with the current key or identity (a
    /// key rotation, a switch between key and keyless). Checked; where a signature or the index attestation does not
    /// verify, the index and its platforms are signed and the index attested again, without rebuilding. Signatures by
    /// the previous signer stay.
    /// </summary>
    async Task EnsureUnchangedSignedAsync(PublishedIndex held)
    {
        var verifier = Verifier;
        var options = CosignOptions with { Key = null };
        var check = await new ImageVerifier(RunCosignAsync, RegistryApiFor).VerifyAsync($"{Image}@{held.Digest}", options, verifier);
        var unsigned = check.Rows.Where(r => !r.Signature.Passed || (r.Platform == "index" && !r.Provenance.Passed)).ToList();
        if (unsigned.Count == 0 && check.Problems.Count == 0)
        {
            Log.Information($"{Image}@{held.Digest} is unchanged and verifies with {verifier}: nothing to sign.");
            Results.Set(Signed, new SigningOutcome(check, verifier, "", []) { Summary = "unchanged, signatures current." });
            return;
        }
        if (unsigned.SelectMany(r => new[] { r.Signature, r.Provenance }).FirstOrDefault(c => c.Unreachable) is { } open)
            throw new BuildError($"Cannot tell whether the unchanged {Image}@{held.Digest} verifies with {verifier}: {open.Detail}; nothing was signed.");
        Log.Information($"{Image}@{held.Digest} is unchanged but does not verify with {verifier} ({string.Join(", ", unsigned.Select(r => r.Platform))}): signing it without a rebuild.");
        await SignBeforePromotionAsync(held, held.Platforms);
        Results.Set(Signed, Results.Get(Signed) with
        {
            Summary = verifier is SignerIdentity.Keyless ? "unchanged, signed with the new identity." : "unchanged, signed with the new key.",
        });
    }

    /// <summary>
    /// Merge's undo when no tag moved to the signed index (refused, rolled back, interrupted): its signature and
    /// attestation tags go back to what they were. Fails closed: when any final tag holds the index after all, they stay.
    /// </summary>
    async Task UndoSigningAsync(StagedIndex staged, IReadOnlyList<string> finalTags)
    {
        if (Results.TryGet(SignaturesBefore) is not { } before) return;
        Results.Set(SignaturesBefore, null!);
        try
        {
            using (var api = RegistryApiFor(ImageReference.Parse(Image)))
                foreach (var tag in finalTags)
                    if (await api.ResolveAsync(tag) == staged.Digest)
                    {
                        Log.Warning($"{Image}:{tag} holds {staged.Digest}: its signatures stay.");
                        return;
                    }
            using var signatures = RegistryApiFor(ImageReference.Parse(before.Repository));
            await SignatureTags.RestoreAsync(signatures, before);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Log.Warning($"Signature tags {string.Join(", ", before.Tags.Select(t => t.Tag))} of {before.Repository} may be left for {staged.Digest}: the registry did not answer ({e.Message}).");
        }
    }
}
