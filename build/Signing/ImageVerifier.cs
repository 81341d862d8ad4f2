using Registry;
using Tooling;

namespace Signing;

/// <summary>
/// Verify: reads an image's index through the registry API, checks with cosign the signature of the index and
/// of each platform manifest and the index's provenance attestation, and that BuildKit's provenance and SBOM
/// are attached to each platform. Checks run concurrently; every failure becomes one line of the report.
/// </summary>
internal sealed class ImageVerifier(Func<ToolCommand, Task<ToolResult>> run, Func<ImageReference, RegistryApi> registry)
{
    /// <param name="image">registry/repository[:tag|@digest]; no tag means latest, as docker pull reads it.</param>
    public async Task<VerificationReport> VerifyAsync(string image, CosignOptions options, SignerIdentity signer)
    {
        var repository = ImageReference.Parse(image);
        var reference = ReferenceOf(image);
        IndexContents? index;
        using (var api = registry(repository))
        {
            try { index = await IndexContents.ReadAsync(api, reference); }
            catch (HttpRequestException e) { return Unreadable(image, $"the registry did not answer for {image}: {e.Message}"); }
        }
        if (index is null) return Unreadable(image, $"{image}: no such manifest in the registry");

        Task<CheckResult> Check(ToolCommand command) => CheckAsync(command, signer);
        var name = repository.ToString();
        var indexSignature = Check(CosignCommands.Verify(options, signer, $"{name}@{index.Digest}"));
        var indexAttestation = index.IsIndex ? Check(CosignCommands.VerifyAttestation(options, signer, $"{name}@{index.Digest}")) : Task.FromResult(CheckResult.NotApplicable);
        var platformSignatures = index.Platforms.Select(p => Check(CosignCommands.Verify(options, signer, $"{name}@{p.Digest}"))).ToList();
        await Task.WhenAll([indexSignature, indexAttestation, .. platformSignatures]);

        var rows = new List<VerificationRow>
        {
            new(index.Digest, index.IsIndex ? "index" : "manifest", indexSignature.Result, indexAttestation.Result, CheckResult.NotApplicable),
        };
        rows.AddRange(index.Platforms.Select((p, i) => new VerificationRow(p.Digest, p.Platform, platformSignatures[i].Result,
            p.HasProvenance ? CheckResult.Ok : CheckResult.Failed("no BuildKit provenance attestation"),
            p.HasSbom ? CheckResult.Ok : CheckResult.Failed("no SBOM attestation"))));
        var problems = index.IsIndex && index.Platforms.Count == 0 ? new[] { $"{image}: the index lists no platform image" }
            : !index.IsIndex ? [$"{image} is a single manifest, not a multi-platform index with attestations"] : [];
        return new VerificationReport(image, rows, problems) { CheckedAgainst = signer.ToString() };
    }

    async Task<CheckResult> CheckAsync(ToolCommand command, SignerIdentity signer)
    {
        var result = await run(command);
        if (result.Succeeded) return CheckResult.Ok;
        var error = CosignError(result);
        // cosign 2.5 reads only the tag format (sha256-<digest>.sig/.att) unless told to look for Sigstore bundles
        // (cosign 3's default, as OCI referrers); 2.6 and later look for both by themselves.
        if (error.StartsWith("no signatures found", StringComparison.Ordinal) || error.StartsWith("no matching attestations", StringComparison.Ordinal))
        {
            var bundles = await run(CosignCommands.InBundleFormat(command));
            if (bundles.Succeeded) return CheckResult.Ok;
        }
        return CosignFailure.Interpret(error, signer);
    }

    /// <summary>cosign's own reason ("no signatures found", "no matching signatures: ..."), without its "Error: " prefix.</summary>
    public static string CosignError(ToolResult result)
    {
        var lines = (result.StandardError + "\n" + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = lines.FirstOrDefault(l => l.StartsWith("Error: ", StringComparison.Ordinal))?["Error: ".Length..] ?? lines.LastOrDefault() ?? $"exit code {result.ExitCode}";
        return Log.Mask(error);
    }

    static VerificationReport Unreadable(string image, string problem) => new(image, [], [problem]);

    /// <summary>The tag or digest part of a reference ("latest" when none is given).</summary>
    public static string ReferenceOf(string image)
    {
        var at = image.IndexOf('@');
        if (at >= 0) return image[(at + 1)..];
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[(colon + 1)..] : "latest";
    }
}
