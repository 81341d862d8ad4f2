namespace Metadata.Input;

/// <summary>
/// How metadata-action splits a list input (images, tags, flavor, labels, annotations) into entries:
/// the whole input trimmed, CSV records with relaxed quotes (comment lines start with '#'), the fields of a record
/// joined again with ',' (so a quoted field loses its quotes: <c>"type=raw,value=a"</c> is one rule, while the comma
/// inside <c>type=match,"pattern=\d{1,3}"</c> splits the rule again), empty entries dropped, each trimmed.
/// </summary>
internal static class ActionInputList
{
    /// <summary>Each element of <paramref name="lines"/> is one line of the action input.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> lines) => Parse(string.Join('\n', lines));

    public static IReadOnlyList<string> Parse(string input)
    {
        input = input.Trim();
        if (input.Length == 0) return [];
        // Departure: a whitespace-only entry is dropped; the action crashes on it ("fields is not iterable").
        return CsvRecords.Parse(input, lineComments: true, relaxQuotes: true)
            .Select(record => string.Join(',', record).Trim())
            .Where(entry => entry.Length > 0)
            .ToList();
    }
}
