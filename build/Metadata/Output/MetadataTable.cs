namespace Metadata.Output;

/// <summary>
/// The short table the Tag target prints: version, then each tag, label and annotation on its own row. Labels and
/// annotations with an empty value (no GitHub data for a description, say) are left out: they say nothing.
/// </summary>
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
                .Concat(output.Labels.Where(HasValue).Select(l => ("label", l)))
                .Concat(output.Annotations.Where(HasValue).Select(a => ("annotation", a)));
        return rows.Select(row => $"{row.Kind,-10} | {row.Value}");
    }

    static bool HasValue(string keyValue) => !keyValue.EndsWith('=');
}
