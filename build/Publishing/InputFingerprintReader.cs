using System.Security.Cryptography;
using System.Text;
using Docker;
using Registry;

namespace Publishing;

/// <summary>
/// Reads what <see cref="InputFingerprint"/> covers: the Dockerfile and the context files from disk, and each base
/// image's digest with one registry HEAD. A base that cannot be read gives no fingerprint (the run then builds, as
/// it would without one) and says why in one line.
/// </summary>
internal static class InputFingerprintReader
{
    public static async Task<InputFingerprint?> ReadAsync(ImageBuildRequest request, Func<ImageReference, RegistryApi> registryFor, TransientRetry retry)
    {
        var dockerfile = await File.ReadAllBytesAsync(request.File ?? Path.Combine(request.Context, "Dockerfile"));
        var ignore = Path.Combine(request.Context, ".dockerignore");
        var filter = DockerignoreFilter.Parse(File.Exists(ignore) ? await File.ReadAllTextAsync(ignore) : null);
        var context = await Task.WhenAll(filter.Files(request.Context).Select(async path => (path, await HashFileAsync(Path.Combine(request.Context, path)))));
        var bases = new List<BaseImageDigest>();
        foreach (var image in DockerfileBases.Resolve(Encoding.UTF8.GetString(dockerfile), request.BuildArgs))
        {
            if (await ResolveAsync(image, registryFor, retry) is not { } digest) return null;
            bases.Add(new BaseImageDigest(image, digest));
        }
        return InputFingerprint.Compute(request, dockerfile, context, bases);
    }

    /// <summary>The index digest a base's tag names now (a base pinned by digest is its own answer).</summary>
    static async Task<string?> ResolveAsync(string image, Func<ImageReference, RegistryApi> registryFor, TransientRetry retry)
    {
        var at = image.IndexOf('@');
        if (at >= 0) return image[(at + 1)..];
        var colon = image.LastIndexOf(':');
        var tag = colon > image.LastIndexOf('/') ? image[(colon + 1)..] : "latest";
        try
        {
            using var api = registryFor(ImageReference.Parse(image));
            if (await retry.RunHttpAsync($"Reading the base image {image}", () => api.ResolveAsync(tag)) is { } digest) return digest;
            Log.Information($"Inputs: the base image {image} was not found, so the inputs are not compared; building.");
        }
        catch (Exception e) when (e is BuildError or HttpRequestException or TaskCanceledException)
        {
            Log.Information($"Inputs: the base image {image} could not be read ({e.Message.TrimEnd('.')}), so the inputs are not compared; building.");
        }
        return null;
    }

    static async Task<string> HashFileAsync(string path)
    {
        // A symbolic link is sent as a link: its target names it, not the file it points to.
        if (new FileInfo(path).LinkTarget is { } target) return InputFingerprint.Sha256(Encoding.UTF8.GetBytes("link " + target));
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
