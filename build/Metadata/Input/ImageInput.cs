namespace Metadata.Input;

/// <summary>One entry of the <c>images</c> input: <c>name=ghcr.io/o/r,enable=false</c> or a bare name.</summary>
internal sealed record ImageInput(string Name, bool Enable)
{
    public static IReadOnlyList<ImageInput> Parse(IReadOnlyList<string> entries)
    {
        // The legacy form: one entry of comma-separated bare names.
        if (entries.Count == 1)
        {
            var fields = CsvRecords.Fields(entries[0]);
            if (fields.All(field => !field.Contains('=')))
                return fields.Select(field => new ImageInput(field.Trim(), true)).ToList();
        }
        return entries.Select(ParseOne).ToList();
    }

    static ImageInput ParseOne(string entry)
    {
        var image = new ImageInput("", true);
        foreach (var field in CsvRecords.Fields(entry))
        {
            var parts = field.Split('=');
            if (parts.Length == 1) { image = image with { Name = parts[0].Trim() }; continue; }
            var value = parts[1].Trim();
            switch (parts[0].Trim().ToLowerInvariant())
            {
                case "name":
                    image = image with { Name = value };
                    break;
                case "enable":
                    if (value is not ("true" or "false")) throw new BuildError($"Invalid enable attribute value: {entry}");
                    image = image with { Enable = value == "true" };
                    break;
                default:
                    throw new BuildError($"Unknown image attribute: {entry}");
            }
        }
        if (image.Name.Length == 0) throw new BuildError($"Image name attribute empty: {entry}");
        return image;
    }

    /// <summary>The enabled images, lower-cased (registries such as GHCR reject capitals).</summary>
    public static IReadOnlyList<string> EnabledNames(IEnumerable<ImageInput> images) =>
        images.Where(image => image.Enable).Select(image => image.Name.ToLowerInvariant()).ToList();
}
