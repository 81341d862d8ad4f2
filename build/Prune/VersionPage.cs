using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prune;

/// <summary>
/// One page of the package versions API, checked before anything is planned from it: a JSON array of versions,
/// each with an id, a <c>sha256:</c> digest name, parseable dates and a <c>metadata.container.tags</c> array of
/// strings (possibly empty). Anything else throws one <see cref="BuildError"/> naming the version and the field:
/// incomplete data must never read as "untagged, old: delete". Pure.
/// </summary>
internal static partial class VersionPage
{
    public static IReadOnlyList<PackageVersion> Parse(string body, int page)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException e) { throw Bad($"page {page} of the versions is not JSON ({e.Message.Split('\n')[0]})"); }
        using var _ = document;
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw Bad($"page {page} of the versions is {Kind(document.RootElement)}, not a list of versions");
        var versions = new List<PackageVersion>();
        var position = 0;
        foreach (var entry in document.RootElement.EnumerateArray())
            versions.Add(Version(entry, $"entry {++position} of page {page}"));
        return versions;
    }

    static PackageVersion Version(JsonElement entry, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object) throw Bad($"{where} is {Kind(entry)}, not a version");
        if (!entry.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
            || !idElement.TryGetInt64(out var id) || id <= 0)
            throw Bad($"{where}: field id is {Describe(entry, "id")}, not a positive whole number");
        var name = $"version {id} ({where})";
        if (!entry.TryGetProperty("name", out var digest) || digest.ValueKind != JsonValueKind.String || !Digest().IsMatch(digest.GetString()!))
            throw Bad($"{name}: field name is {Describe(entry, "name")}, not a sha256: digest");
        var created = Date(entry, "created_at", name);
        var updated = Date(entry, "updated_at", name);
        if (!entry.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("container", out var container) || container.ValueKind != JsonValueKind.Object
            || !container.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
            throw Bad($"{name}: field metadata.container.tags is missing or not a list");
        var names = new List<string>();
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.String || tag.GetString() is not { Length: > 0 } text)
                throw Bad($"{name}: field metadata.container.tags holds {Kind(tag)}, not a tag name");
            names.Add(text);
        }
        return new PackageVersion(id, digest.GetString()!, names, updated > created ? updated : created);
    }

    /// <summary>ISO 8601 as GitHub writes it (2026-11-30T12:00:00Z, fractions and offsets allowed); nothing looser.</summary>
    static DateTimeOffset Date(JsonElement entry, string field, string name) =>
        entry.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParseExact(value.GetString(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw Bad($"{name}: field {field} is {Describe(entry, field)}, not a date");

    /// <summary>What a field holds, briefly: missing, null, a number, "text" (cut short).</summary>
    static string Describe(JsonElement entry, string field) =>
        !entry.TryGetProperty(field, out var value) ? "missing"
        : value.ValueKind == JsonValueKind.String ? $"'{Cut(value.GetString()!)}'"
        : value.ValueKind == JsonValueKind.Number ? Cut(value.GetRawText())
        : Kind(value);

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object", JsonValueKind.Array => "a list", JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number", JsonValueKind.Null => "null", _ => "true/false",
    };

    /// <summary>At most 40 characters of what the API sent, control characters shown as '?': the error stays one line.</summary>
    static string Cut(string text) =>
        new string((text.Length > 40 ? text[..40] + "…" : text).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    static BuildError Bad(string what) => new($"Nothing deleted: GitHub's API answered what Prune cannot trust: {what}.");

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Digest();
}
