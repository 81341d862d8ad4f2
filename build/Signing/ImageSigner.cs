using System.Text.Json;
using Publishing;
using Registry;
using Tooling;

namespace Signing;

/// <summary>
/// The signing step between an index under its staging tag and the promotion of the final tags: signs the index
/// and every platform manifest by digest (never the attestation manifests), attests the index with SLSA
/// provenance v1, then verifies all of it. Any failure is a <see cref="BuildError"/>, so no tag moves.
/// </summary>
internal sealed class ImageSigner(Func<ToolCommand, Task<ToolResult>> run, Func<ImageReference, RegistryApi> registry)
{
    /// <param name="image">registry/repository (no tag).</param>
    /// <param name="facts">Builds the provenance from the platforms as the index lists them (digests, base images).</param>
    public async Task<VerificationReport> SignAndVerifyAsync(string image, string indexDigest, IReadOnlyList<PlatformImage> expected,
        CosignOptions options, SignerIdentity verifier, Func<IReadOnlyList<PlatformProvenance>, ProvenanceFacts> facts, string predicateFile)
    {
        var repository = ImageReference.Parse(image);
        var platforms = await ReadPlatformsAsync(repository, indexDigest, expected);

        Directory.CreateDirectory(Path.GetDirectoryName(predicateFile)!);
        await File.WriteAllTextAsync(predicateFile, SlsaProvenance.Predicate(facts(platforms)).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var name = repository.ToString();
        // Signing and attesting are independent writes: run side by side (each decrypts the key once).
        var sign = RunCheckedAsync(CosignCommands.Sign(options, [$"{name}@{indexDigest}", .. platforms.Select(p => $"{name}@{p.Digest}")]), "Signing");
        var attest = RunCheckedAsync(CosignCommands.Attest(options, $"{name}@{indexDigest}", predicateFile), "Attesting");
        await Task.WhenAll(sign, attest);

        var report = await new ImageVerifier(run, registry).VerifyAsync($"{name}@{indexDigest}", options, verifier);
        if (report.Passed) return report;
        foreach (var failure in report.Failures) Log.Error(failure);
        throw new BuildError($"The signed index {name}@{indexDigest} did not verify ({report.Failures.Count} failure(s) above); no tag was moved.");
    }

    /// <summary>The index's platforms must be exactly the ones pushed: anything else is not what this run built.</summary>
    async Task<IReadOnlyList<PlatformProvenance>> ReadPlatformsAsync(ImageReference repository, string indexDigest, IReadOnlyList<PlatformImage> expected)
    {
        using var api = registry(repository);
        var index = await IndexContents.ReadAsync(api, indexDigest)
            ?? throw new BuildError($"The staged index {repository}@{indexDigest} is not in the registry; nothing was signed.");
        // Each platform was pushed as a small index of its own (image + attestations), which the merged index
        // flattens: compare platforms, not digests.
        var listed = index.Platforms.Select(p => p.Platform).Order(StringComparer.Ordinal).ToList();
        if (expected.Count > 0 && !listed.SequenceEqual(expected.Select(p => p.Platform).Order(StringComparer.Ordinal)))
            throw new BuildError($"The staged index {repository}@{indexDigest} lists {string.Join(", ", listed)}, not the platforms this run pushed; nothing was signed.");
        var result = new List<PlatformProvenance>();
        foreach (var platform in index.Platforms)
        {
            var bases = platform.ProvenanceLayer is { } layer ? SlsaProvenance.BaseImagesFrom(await api.JsonBlobAsync(layer)) : [];
            result.Add(new PlatformProvenance(platform.Platform, platform.Digest, bases));
        }
        return result;
    }

    async Task RunCheckedAsync(ToolCommand command, string what)
    {
        var result = await run(command);
        if (!result.Succeeded) throw new BuildError($"{what} with cosign failed: {ImageVerifier.CosignError(result)}; no tag was moved.");
    }
}
