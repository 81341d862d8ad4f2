using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry;

namespace Publishing;

/// <summary>
/// Composes the final index from the per-platform indexes BuildKit pushed, byte for byte as
/// <c>docker buildx imagetools create --dry-run --annotation index:k=v ...</c> would (a test holds the two side by
/// side), without starting buildx: the entries of every source in order, each digest once, the index annotations
/// sorted by key, Go's indented JSON. Only the case BuildKit's output gives is reproduced (OCI indexes of OCI
/// manifests, plain <c>index:</c> annotations); anything else returns null and Merge asks buildx.
/// </summary>
internal static class IndexComposition
{
    const string OciIndex = "application/vnd.oci.image.index.v1+json";
    const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    // Go's encoding of ocispec.Descriptor and ocispec.Platform: fields in declaration order.
    static readonly string[] DescriptorFields = ["mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType"];
    static readonly string[] PlatformFields = ["architecture", "os", "os.version", "os.features", "variant"];
    static readonly string[] SourceFields = ["schemaVersion", "mediaType", "manifests"];

    /// <param name="sources">Each distinct source's manifest, in the order the platforms were given.</param>
    /// <param name="annotations">"index:key=value", as <see cref="ImageBuildRequest.ForIndex"/> gives them.</param>
    public static ManifestBytes? Compose(IReadOnlyList<ManifestBytes> sources, IReadOnlyList<string> annotations)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var annotation in annotations)
        {
            var equals = annotation.IndexOf('=');
            if (!annotation.StartsWith("index:", StringComparison.Ordinal) || equals < 0) return null;
            // Go 1.22 changed how it writes \b and \f; such values are left to buildx.
            if (annotation.Any(c => c < ' ' && c is not ('\n' or '\r' or '\t'))) return null;
            pairs[annotation["index:".Length..equals]] = annotation[(equals + 1)..];
        }
        // buildx pushes a single source unchanged when there is nothing to add; with no annotations it may pick
        // the Docker list type: both are left to buildx.
        if (pairs.Count == 0 || sources.Count == 0) return null;

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<string>();
        foreach (var source in sources)
        {
            var index = source.Json;
            if (source.MediaType != OciIndex || index.Any(p => !SourceFields.Contains(p.Key)) || index["manifests"] is not JsonArray manifests) return null;
            foreach (var entry in manifests)
            {
                // A Docker manifest listed makes buildx write a Docker list instead.
                if (entry is not JsonObject descriptor || descriptor["mediaType"]?.GetValue<string>() is not (OciManifest or OciIndex)
                    || Descriptor(descriptor) is not { } text || descriptor["digest"]?.GetValue<string>() is not { } digest) return null;
                // buildx merges a repeated digest into its first entry; identical repeats (one solve named twice) change nothing.
                if (seen.TryGetValue(digest, out var first)) { if (first != text) return null; continue; }
                seen[digest] = text;
                entries.Add(text);
            }
        }
        var json = new StringBuilder("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + OciIndex + "\",\n  \"manifests\": [\n");
        json.Append(string.Join(",\n", entries.Select(e => Indent(e, "    "))));
        json.Append("\n  ],\n  \"annotations\": ");
        json.Append(Nested(Map(pairs)));
        json.Append("\n}");
        return new ManifestBytes(OciIndex, Encoding.UTF8.GetBytes(json.ToString()));
    }

    /// <summary>One descriptor at indent 0, or null when it holds a field Go's descriptor does not know.</summary>
    static string? Descriptor(JsonObject descriptor)
    {
        if (descriptor.Any(p => !DescriptorFields.Contains(p.Key))) return null;
        var lines = new List<string>();
        foreach (var field in DescriptorFields)
        {
            if (descriptor[field] is not { } value) continue;
            var text = field switch
            {
                "annotations" when value is JsonObject map => Map(map.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "")),
                "platform" when value is JsonObject platform && platform.All(p => PlatformFields.Contains(p.Key)) => Ordered(platform, PlatformFields),
                "mediaType" or "digest" or "artifactType" or "data" when value is JsonValue v && v.TryGetValue<string>(out var s) => Quote(s),
                "size" when value is JsonValue v && v.TryGetValue<long>(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (text is null) return null;
            lines.Add($"  {Quote(field)}: {Nested(text)}");
        }
        return "{\n" + string.Join(",\n", lines) + "\n}";
    }

    static string? Ordered(JsonObject value, string[] fields)
    {
        var lines = new List<string>();
        foreach (var field in fields)
        {
            if (value[field] is not { } item) continue;
            string text;
            if (item is JsonValue v && v.TryGetValue<string>(out var s)) text = Quote(s);
            else if (item is JsonArray list && list.All(i => i is JsonValue)) text = list.Count == 0 ? "[]" : "[\n" + string.Join(",\n", list.Select(i => "  " + Quote(i!.GetValue<string>()))) + "\n]";
            else return null;
            lines.Add($"  {Quote(field)}: {Nested(text)}");
        }
        return lines.Count == 0 ? "{}" : "{\n" + string.Join(",\n", lines) + "\n}";
    }

    /// <summary>A string map as Go writes one: keys sorted bytewise.</summary>
    static string Map(IDictionary<string, string> map) =>
        map.Count == 0 ? "{}" : "{\n" + string.Join(",\n", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  {Quote(p.Key)}: {Quote(p.Value)}")) + "\n}";

    /// <summary>Shifts every line of a block by <paramref name="indent"/>.</summary>
    static string Indent(string block, string indent) => indent + block.Replace("\n", "\n" + indent);

    /// <summary>A block written at indent 0 placed as a field's value one level in: every line but the first shifts.</summary>
    static string Nested(string block) => block.Replace("\n", "\n  ");

    /// <summary>A JSON string as Go's encoding/json writes it: &lt; &gt; &amp; and U+2028/2029 escaped, other non-ASCII as is.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return text.Append('"').ToString();
    }
}
