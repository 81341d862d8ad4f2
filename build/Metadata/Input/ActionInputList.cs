namespace Metadata.Input;

/// <summary>
/// How metadata-action splits a list input (images, tags, flavor, labels, annotations) into entries:
/// the whole input trimmed, CSV records without quote handling (comment lines start with '#'), the fields
/// of a record joined again with ',' (so an entry is its line, quotes included), empty entries dropped, each trimmed.
/// </summary>
public static class ActionInputList
{
    /// <summary>Each element of <paramref name="lines"/> is one line of the action input.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> lines) => Parse(string.Join('\n', lines));

    public static IReadOnlyList<string> Parse(string input)
    {
        input = input.Trim();
        if (input.Length == 0) return [];
        // Departure: a whitespace-only entry is dropped; the action crashes on it ("fields is not iterable").
        return CsvRecords.Parse(input, lineComments: true, quotes: false)
            .Select(record => string.Join(',', record).Trim())
            .Where(entry => entry.Length > 0)
            .ToList();
    }
}
