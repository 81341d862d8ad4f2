namespace Metadata;

/// <summary>
/// The labels and annotations: the OCI defaults (title, description, url, source, version, created, revision,
/// licenses), then the user's entries (templated); split at the first '=', entries without '=' dropped,
/// later keys override earlier ones, sorted by key as the action sorts them.
/// </summary>
internal static class OciLabels
{
    public static IReadOnlyList<KeyValuePair<string, string>> Compute(MetadataContext context, string? version, IEnumerable<string> custom)
    {
        var repository = context.Repository;
        var entries = new List<string>
        {
            $"org.opencontainers.image.title={repository.Name}",
            $"org.opencontainers.image.description={repository.Description}",
            $"org.opencontainers.image.url={repository.HtmlUrl}",
            $"org.opencontainers.image.source={repository.HtmlUrl}",
            $"org.opencontainers.image.version={version}",
            $"org.opencontainers.image.created={IsoTime(context.Now)}",
            $"org.opencontainers.image.revision={context.Sha}",
            $"org.opencontainers.image.licenses={repository.LicenseSpdxId}",
        };
        entries.AddRange(custom.Select(entry => Templates.ContextTemplates.Render(entry, context)));

        var order = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var at = entry.IndexOf('=');
            if (at < 0) continue;
            var key = entry[..at];
            if (!values.ContainsKey(key)) order.Add(key);
            values[key] = entry[(at + 1)..];
        }
        return order.Order(LabelKeyOrder.Instance).Select(key => KeyValuePair.Create(key, values[key])).ToList();
    }

    /// <summary>JavaScript's Date.toISOString: UTC with milliseconds.</summary>
    public static string IsoTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
