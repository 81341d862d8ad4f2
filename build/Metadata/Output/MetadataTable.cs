namespace Metadata.Output;

/// <summary>The short table the Tag target prints: version, then each tag, label and annotation on its own row.</summary>
internal static class MetadataTable
{
    public static void Print(MetadataOutput output)
    {
        foreach (var line in Lines(output)) Log.Information(line);
    }

    public static IEnumerable<string> Lines(MetadataOutput output)
    {
        IEnumerable<(string Kind, string Value)> rows =
            new[] { ("version", output.Version.Length > 0 ? output.Version : "(none)") }
                .Concat(output.Tags.Select(t => ("tag", t)))
                .Concat(output.Labels.Select(l => ("label", l)))
                .Concat(output.Annotations.Select(a => ("annotation", a)));
        return rows.Select(row => $"{row.Kind,-10} | {row.Value}");
    }
}
