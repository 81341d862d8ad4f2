using System.Text;
using Metadata.Output;

namespace Metadata.Input;

/// <summary>
/// The CSV dialect metadata-action reads its inputs with (csv-parse, empty lines skipped): ',' between fields,
/// '"' opens a quoted field only at the start of a field, '""' is a quote inside one. The two modes the action uses:
/// <list type="bullet">
/// <item>the list inputs (actions-toolkit's getInputList): <c>relaxQuotes</c> and '#' comment lines (only at the
/// start of a record) — a quote inside an unquoted field is literal, a closing quote not followed by a separator
/// keeps the field going with the quote moved to its front;</item>
/// <item>each entry (a tag rule, an image, a flavor line): strict quotes — a quote inside an unquoted field or text
/// after a closing quote fails with csv-parse's own message.</item>
/// </list>
/// </summary>
internal static class CsvRecords
{
    public static List<List<string>> Parse(string input, bool lineComments = false, bool relaxQuotes = false)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoting = false, touched = false, commenting = false;
        var line = 1;

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
            // csv-parse counts every line break, quoted or not, for its messages.
            if (c == '\n' || (c == '\r' && (i + 1 >= input.Length || input[i + 1] != '\n'))) line++;
            if (commenting)
            {
                if (isLineEnd) { commenting = false; if (c == '\r' && i + 1 < input.Length && input[i + 1] == '\n') { i++; line++; } }
                continue;
            }
            if (quoting)
            {
                if (c != '"') { field.Append(c); continue; }
                if (i + 1 < input.Length && input[i + 1] == '"') { field.Append('"'); i++; continue; }
                quoting = false;
                var next = i + 1 < input.Length ? input[i + 1] : ',';
                if (next is ',' or '\n' or '\r' || (lineComments && next == '#')) continue;
                if (!relaxQuotes)
                    throw new BuildError($"Invalid Closing Quote: got \"{next}\" at line {line} instead of delimiter, record delimiter, trimable character (if activated) or comment");
                field.Insert(0, '"');
                continue;
            }
            if (isLineEnd)
            {
                EndRecord();
                if (c == '\r' && i + 1 < input.Length && input[i + 1] == '\n') { i++; line++; }
                continue;
            }
            if (c == '#' && lineComments && !touched) { commenting = true; continue; }
            touched = true;
            if (c == ',') { record.Add(field.ToString()); field.Clear(); continue; }
            if (c == '"')
            {
                if (field.Length == 0) { quoting = true; continue; }
                if (!relaxQuotes)
                    throw new BuildError($"Invalid Opening Quote: a quote is found on field {record.Count} at line {line}, value is {JsonText.Write(field.ToString())}");
            }
            field.Append(c);
        }
        if (quoting) throw new BuildError($"Quote Not Closed: the parsing is finished with an opening quote at line {line}");
        EndRecord();
        return records;
    }

    /// <summary>The fields of the first record of one entry (a tag rule, an image, a flavor line), strict quotes.</summary>
    public static List<string> Fields(string entry) => Parse(entry) is [var first, ..] ? first : [];
}
