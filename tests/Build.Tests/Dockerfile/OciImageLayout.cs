using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Build.Tests.Dockerfile;

/// <summary>One platform's image in an OCI layout directory (`--output type=oci,tar=false`): its config and layers.</summary>
public sealed record OciPlatformImage(string Platform, JsonElement Config, IReadOnlyList<string> LayerFiles)
{
    /// <summary>Every entry name in every layer, as the tar stores it (e.g. "usr/local/bin/pip").</summary>
    public IEnumerable<string> Paths() => LayerFiles.SelectMany(PathsOf);

    /// <summary>The entry names of one layer file.</summary>
    public static IEnumerable<string> PathsOf(string layer) => Entries(layer).Select(e => e.Name);

    /// <summary>A regular file's text as the image sees it: the topmost layer that has it wins.</summary>
    public string? ReadText(string path)
    {
        string? text = null;
        foreach (var layer in LayerFiles)
            foreach (var entry in Entries(layer))
                if (entry.Name.TrimStart('.', '/') == path.TrimStart('/') && entry.Text is { } t) text = t;
        return text;
    }

    static IEnumerable<(string Name, string? Text)> Entries(string layer)
    {
        using var file = File.OpenRead(layer);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            string? text = null;
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                text = new StreamReader(data).ReadToEnd();
            yield return (entry.Name, text);
        }
    }
}

public static class OciImageLayout
{
    /// <summary>The platform images of the layout's (possibly nested) index, without attestation manifests.</summary>
    public static IReadOnlyList<OciPlatformImage> Read(string directory)
    {
        var images = new List<OciPlatformImage>();
        Walk(Json(directory, File.ReadAllText(Path.Combine(directory, "index.json"))), directory, images);
        return images;
    }

    static void Walk(JsonElement index, string directory, List<OciPlatformImage> images)
    {
        foreach (var descriptor in index.GetProperty("manifests").EnumerateArray())
        {
            var blob = Json(directory, File.ReadAllText(BlobPath(directory, descriptor)));
            if (descriptor.GetProperty("mediaType").GetString()!.Contains("index")) { Walk(blob, directory, images); continue; }
            var platform = descriptor.TryGetProperty("platform", out var p)
                ? p.GetProperty("os").GetString() + "/" + p.GetProperty("architecture").GetString()
                : "unknown/unknown";
            if (platform == "unknown/unknown") continue;
            var config = Json(directory, File.ReadAllText(BlobPath(directory, blob.GetProperty("config"))));
            var layers = blob.GetProperty("layers").EnumerateArray().Select(l => BlobPath(directory, l)).ToList();
            images.Add(new OciPlatformImage(platform, config, layers));
        }
    }

    static string BlobPath(string directory, JsonElement descriptor)
    {
        var digest = descriptor.GetProperty("digest").GetString()!.Split(':');
        return Path.Combine(directory, "blobs", digest[0], digest[1]);
    }

    static JsonElement Json(string directory, string text) => JsonDocument.Parse(text).RootElement.Clone();
}
