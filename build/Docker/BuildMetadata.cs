using System.Text.Json.Nodes;

namespace Docker;

/// <summary>What buildx's <c>--metadata-file</c> records about one build (the keys buildx 0.13 writes).</summary>
internal sealed record BuildMetadata(string? Digest, string? MediaType, IReadOnlyList<string> ImageNames)
{
    public static BuildMetadata Parse(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("buildx metadata is not a JSON object");
        var descriptor = root["containerimage.descriptor"] as JsonObject;
        var digest = (root["containerimage.digest"] ?? descriptor?["digest"])?.GetValue<string>();
        var names = root["image.name"]?.GetValue<string>()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new BuildMetadata(digest, descriptor?["mediaType"]?.GetValue<string>(), names);
    }

    /// <summary>Reads the file a build wrote; a build that pushed but recorded no digest is a bug worth one line.</summary>
    public static BuildMetadata Read(string path)
    {
        if (!File.Exists(path)) throw new BuildError($"buildx wrote no metadata file at {path}; cannot tell which digest was pushed.");
        return Parse(File.ReadAllText(path));
    }
}
