namespace Metadata;

/// <summary>
/// The order JavaScript's <c>localeCompare</c> (ICU root collation) puts label keys in, which the action sorts
/// labels by: punctuation before digits before letters (<c>_ - , ; : ! ? . ' " ( ) [ ] { } @ * / \ &amp; # % ` ^ + &lt; = &gt; | ~ $</c>),
/// letters compared without case first, then lower case before upper case. The build runs with invariant
/// globalization (no ICU), so the ASCII part of that table is written out here; other characters sort after it by code point.
/// </summary>
internal sealed class LabelKeyOrder : IComparer<string>
{
    public static readonly LabelKeyOrder Instance = new();

    const string Punctuation = "\t\n\u000B\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

    public int Compare(string? x, string? y)
    {
        x ??= ""; y ??= "";
        var primary = CompareBy(x, y, Primary);
        return primary != 0 ? primary : CompareBy(x, y, Tertiary);
    }

    static int CompareBy(string x, string y, Func<char, int> weight)
    {
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var order = weight(x[i]).CompareTo(weight(y[i]));
            if (order != 0) return order;
        }
        return x.Length.CompareTo(y.Length);
    }

    static readonly int[] AsciiWeights = Enumerable.Range(0, 128).Select(c => Weight((char)c)).ToArray();

    static int Primary(char c) => c < 128 ? AsciiWeights[c] : 1000 + c;

    static int Weight(char c)
    {
        var punctuation = Punctuation.IndexOf(c);
        if (punctuation >= 0) return punctuation;
        if (char.IsAsciiDigit(c)) return 100 + (c - '0');
        if (char.IsAsciiLetter(c)) return 200 + (char.ToLowerInvariant(c) - 'a');
        return 1000 + c;
    }

    static int Tertiary(char c) => char.IsAsciiLetterUpper(c) ? 1 : 0;
}
