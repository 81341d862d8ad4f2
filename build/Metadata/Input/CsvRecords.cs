using System.Text;

namespace Metadata.Input;

/// <summary>
/// The CSV dialect metadata-action reads its inputs with (csv-parse with relaxed quotes, empty lines skipped):
/// ',' between fields, '"' quotes a field, '""' is a quote inside one, a quote inside an unquoted field is
/// literal, and with <c>lineComments</c> a line whose first character is '#' is a comment. With
/// <c>quotes: false</c> a quote is an ordinary character (the action splits its list inputs that way, and
/// leaves the quotes to the parsing of each entry).
/// </summary>
public static class CsvRecords
{
    public static List<List<string>> Parse(string input, bool lineComments = false, bool quotes = true)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoting = false, touched = false, commenting = false;

        void EndRecord()
        {
            if (touched) { record.Add(field.ToString()); records.Add(record); }
            record = new List<string>();
            field.Clear();
            touched = false;
        }

        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            var isLineEnd = c is '\n' or '\r';
            if (commenting)
            {
                if (isLineEnd) { commenting = false; if (c == '\r' && i + 1 < input.Length && input[i + 1] == '\n') i++; }
                continue;
            }
            if (quoting)
            {
                if (c != '"') { field.Append(c); continue; }
                if (i + 1 < input.Length && input[i + 1] == '"') { field.Append('"'); i++; continue; }
                quoting = false;
                var next = i + 1 < input.Length ? input[i + 1] : ',';
                // csv-parse's relax_quotes: a closing quote not followed by a separator keeps the field going, quote restored in front.
                if (next is not (',' or '\n' or '\r')) field.Insert(0, '"');
                continue;
            }
            if (isLineEnd)
            {
                EndRecord();
                if (c == '\r' && i + 1 < input.Length && input[i + 1] == '\n') i++;
                continue;
            }
            if (c == '#' && lineComments && !touched) { commenting = true; continue; }
            touched = true;
            if (c == ',') { record.Add(field.ToString()); field.Clear(); continue; }
            if (c == '"' && quotes && field.Length == 0) { quoting = true; continue; }
            field.Append(c);
        }
        if (quoting) throw new BuildError($"Quote Not Closed: the input ends inside a quoted field: {input}");
        EndRecord();
        return records;
    }

    /// <summary>The fields of the first record of one entry (a tag rule, an image, a flavor line).</summary>
    public static List<string> Fields(string entry) => Parse(entry) is [var first, ..] ? first : [];
}
