using System.Security.Cryptography;
using System.Text;
using Registry;

namespace Publishing;

/// <summary>One base image of the build and the index digest its tag named when the run began.</summary>
internal sealed record BaseImageDigest(string Image, string Digest)
{
    public override string ToString() => $"{Image}@{Digest}";
}

/// <summary>
/// Everything that decides an image's bytes, as one digest, known before anything is built: the format's version,
/// the base images' digests, the Dockerfile and the context files BuildKit would send (<c>.dockerignore</c> applied),
/// the build arguments, platforms and target, the labels and annotations (so the commit, through the revision label),
/// the attestations, and what the build class's buildx seam adds. Merge writes it on the index it publishes (<see cref="AnnotationKey"/>), where reading a
/// tag's manifest, which Merge does anyway, reads it back. Pull, cache and no-cache settings are left out: they
/// change how the image is made, not what it is.
/// </summary>
internal sealed record InputFingerprint(string Digest, IReadOnlyList<BaseImageDigest> Bases)
{
    /// <summary>Raised whenever what the fingerprint covers changes, so every image rebuilds once after that.</summary>
    public const string FormatVersion = "1";

    /// <summary>The index annotation that carries the fingerprint.</summary>
    public const string AnnotationKey = "build.inputs.fingerprint";

    /// <summary>The OCI annotations for the base image (written when the build has one base).</summary>
    public const string BaseNameKey = "org.opencontainers.image.base.name";
    public const string BaseDigestKey = "org.opencontainers.image.base.digest";

    /// <summary>"image@digest" of each base, for the log and the summary.</summary>
    public string BaseText => Bases.Count == 0 ? "none" : string.Join(", ", Bases.Select(b => b.Digest));

    /// <param name="dockerfile">The Dockerfile's bytes.</param>
    /// <param name="context">Each file the context sends (relative path) and its content's SHA-256.</param>
    public static InputFingerprint Compute(ImageBuildRequest request, byte[] dockerfile, IReadOnlyList<(string Path, string Sha256)> context, IReadOnlyList<BaseImageDigest> bases)
    {
        var text = new StringBuilder();
        void Line(string kind, string value) => text.Append(kind).Append(' ').Append(value.Replace("\n", "\\n")).Append('\n');
        Line("format", FormatVersion);
        foreach (var b in bases) Line("base", b.ToString());
        Line("dockerfile", Sha256(dockerfile));
        foreach (var (path, sha) in context.OrderBy(f => f.Path, StringComparer.Ordinal)) Line("context", $"{sha} {path}");
        // --build-arg: the last value of a name is the one BuildKit uses.
        foreach (var arg in request.BuildArgs.GroupBy(a => a.Key).Select(g => g.Last()).OrderBy(a => a.Key, StringComparer.Ordinal)) Line("arg", $"{arg.Key}={arg.Value}");
        foreach (var platform in request.Platforms.Order(StringComparer.Ordinal)) Line("platform", platform);
        Line("target", request.Target ?? "");
        foreach (var label in request.Labels.Order(StringComparer.Ordinal)) Line("label", label);
        foreach (var annotation in request.Annotations.Order(StringComparer.Ordinal)) Line("annotation", annotation);
        foreach (var secret in request.Secrets.Select(s => s.Id).Order(StringComparer.Ordinal)) Line("secret", secret);
        Line("attest", $"provenance=mode=max sbom={request.Sbom}");
        // Only when the build class configures buildx: fingerprints of builds that do not stay as they were.
        if (request.ConfiguredArguments is { Count: > 0 } configured) Line("configured", string.Join(' ', configured));
        return new InputFingerprint("sha256:" + Sha256(Encoding.UTF8.GetBytes(text.ToString())), bases);
    }

    /// <summary>The index annotations that record these inputs ("index:key=value").</summary>
    public IReadOnlyList<string> IndexAnnotations =>
        Bases.Count == 1
            ? [$"index:{AnnotationKey}={Digest}", $"index:{BaseNameKey}={Bases[0].Image}", $"index:{BaseDigestKey}={Bases[0].Digest}"]
            : [$"index:{AnnotationKey}={Digest}"];

    /// <summary>The fingerprint an index carries, or null (a manifest that is no index, or one published without it).</summary>
    public static string? On(ManifestBytes manifest) => AnnotationOn(manifest, AnnotationKey);

    /// <summary>An annotation of an index, or null (none, or no index).</summary>
    public static string? AnnotationOn(ManifestBytes manifest, string key)
    {
        try { return manifest.Json["annotations"]?[key]?.GetValue<string>(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException) { return null; }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
