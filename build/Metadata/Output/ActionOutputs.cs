namespace Metadata.Output;

/// <summary>
/// The action's step outputs, by name and in the order it sets them: version, tags, tag-names, labels,
/// annotations, json, bake-file-tags, bake-file-labels, bake-file-annotations, bake-file. The bake-file
/// outputs are paths of JSON files; <c>writeBakeFile(name, content)</c> writes one and returns its path.
/// </summary>
internal static class ActionOutputs
{
    public static IReadOnlyList<KeyValuePair<string, string>> Render(MetadataOutput output, MetadataInputs inputs, Func<string, string, string> writeBakeFile)
    {
        var labels = LabelMap(output.Labels);
        var version = output.Version.Length > 0 ? output.Version : null;
        var imageArgs = Object(("DOCKER_META_IMAGES", string.Join(',', output.Images)), ("DOCKER_META_VERSION", version));
        string Bake(string name, params (string, object?)[] members) =>
            writeBakeFile(name, JsonText.Write(Object(("target", Object((inputs.BakeTarget.Trim(), Object(members))))), indented: true));

        return
        [
            new("version", output.Version),
            new("tags", string.Join(inputs.SepTags, output.Tags)),
            new("tag-names", string.Join(inputs.SepTags, output.TagNames)),
            new("labels", string.Join(inputs.SepLabels, output.Labels)),
            new("annotations", string.Join(inputs.SepAnnotations, output.Annotations)),
            new("json", Json(output)),
            new("bake-file-tags", Bake("tags", ("tags", output.Tags), ("args", imageArgs))),
            new("bake-file-labels", Bake("labels", ("labels", labels))),
            new("bake-file-annotations", Bake("annotations", ("annotations", output.Annotations))),
            new("bake-file", Bake("", ("tags", output.Tags), ("labels", labels), ("args", imageArgs))),
        ];
    }

    /// <summary>The `json` output: tags, tag-names, labels as a map, level-prefixed annotations.</summary>
    public static string Json(MetadataOutput output) => JsonText.Write(Object(
        ("tags", output.Tags), ("tag-names", output.TagNames), ("labels", LabelMap(output.Labels)), ("annotations", output.Annotations)));

    /// <summary>The DOCKER_METADATA_OUTPUT_* name of an output (non-word characters become '_').</summary>
    public static string EnvironmentName(string output) =>
        "DOCKER_METADATA_OUTPUT_" + new string(output.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? char.ToUpperInvariant(c) : '_').ToArray());

    static List<KeyValuePair<string, object?>> LabelMap(IEnumerable<string> labels)
    {
        var map = new List<KeyValuePair<string, object?>>();
        foreach (var label in labels)
        {
            var at = label.IndexOf('=');
            if (at < 0) continue;
            var key = label[..at];
            var existing = map.FindIndex(p => p.Key == key);
            // A JavaScript object keeps a key where it was first set.
            if (existing >= 0) map[existing] = new(key, label[(at + 1)..]);
            else map.Add(new(key, label[(at + 1)..]));
        }
        return map;
    }

    static List<KeyValuePair<string, object?>> Object(params (string Key, object? Value)[] members) =>
        members.Select(m => new KeyValuePair<string, object?>(m.Key, m.Value)).ToList();
}
