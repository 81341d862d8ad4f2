using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Metadata.Templates;

/// <summary>
/// moment.js <c>format()</c> with the English locale: the tokens <c>{{date 'YYYYMMDD-HHmmss'}}</c> uses
/// (<c>YYYY MM DD HH mm ss SSS</c>, names, ordinals, weeks, <c>[literal]</c>, <c>Z</c>, <c>X</c>, <c>L</c>...).
/// </summary>
internal static partial class MomentFormat
{
    static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    static readonly string[] Days = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    /// <summary>
    /// Formats <paramref name="time"/> (already in the wanted offset); a null or empty format is moment's default.
    /// <paramref name="zoneAbbreviation"/> is what z/zz print (moment without a zone: "UTC" in UTC mode, else nothing).
    /// </summary>
    public static string Format(DateTimeOffset time, string? format, bool isUtc, string? zoneAbbreviation = null)
    {
        zoneAbbreviation ??= isUtc ? "UTC" : "";
        if (string.IsNullOrEmpty(format)) format = isUtc ? "YYYY-MM-DDTHH:mm:ss[Z]" : "YYYY-MM-DDTHH:mm:ssZ";
        for (var i = 0; i < 5 && LocalizedTokens().IsMatch(format); i++)
            format = LocalizedTokens().Replace(format, m => m.Groups[1].Success || m.Groups[2].Success ? m.Value : Localized(m.Groups[3].Value));
        var output = new StringBuilder();
        foreach (Match m in Tokens().Matches(format))
        {
            if (m.Groups[1].Success) { output.Append(m.Value[1..^1]); continue; }
            var token = m.Groups[3].Value;
            output.Append(m.Groups[2].Success ? token : Token(time, token, zoneAbbreviation) ?? token.Replace("\\", ""));
        }
        return output.ToString();
    }

    static string Localized(string token) => token switch
    {
        "LTS" => "h:mm:ss A", "LT" => "h:mm A", "L" => "MM/DD/YYYY", "LL" => "MMMM D, YYYY",
        "LLL" => "MMMM D, YYYY h:mm A", "LLLL" => "dddd, MMMM D, YYYY h:mm A", "l" => "M/D/YYYY",
        "ll" => "MMM D, YYYY", "lll" => "MMM D, YYYY h:mm A", _ => "ddd, MMM D, YYYY h:mm A",
    };

    static string? Token(DateTimeOffset t, string token, string zoneAbbreviation)
    {
        int year = t.Year, hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12, dow = (int)t.DayOfWeek;
        var localWeek = Week(t, 0, 6);
        var isoWeek = Week(t, 1, 4);
        return token switch
        {
            "M" => $"{t.Month}", "Mo" => Ordinal(t.Month), "MM" => Pad(t.Month, 2),
            "MMM" => Months[t.Month - 1][..3], "MMMM" => Months[t.Month - 1],
            "Q" => $"{(t.Month + 2) / 3}", "Qo" => Ordinal((t.Month + 2) / 3),
            "D" => $"{t.Day}", "Do" => Ordinal(t.Day), "DD" => Pad(t.Day, 2),
            "DDD" => $"{t.DayOfYear}", "DDDo" => Ordinal(t.DayOfYear), "DDDD" => Pad(t.DayOfYear, 3),
            "d" or "e" => $"{dow}", "do" => Ordinal(dow), "dd" => Days[dow][..2], "ddd" => Days[dow][..3], "dddd" => Days[dow],
            "E" => $"{(dow == 0 ? 7 : dow)}",
            "w" => $"{localWeek.Week}", "wo" => Ordinal(localWeek.Week), "ww" => Pad(localWeek.Week, 2),
            "W" => $"{isoWeek.Week}", "Wo" => Ordinal(isoWeek.Week), "WW" => Pad(isoWeek.Week, 2),
            "YY" => Pad(year % 100, 2), "YYYY" => year <= 9999 ? Pad(year, 4) : "+" + year, "Y" => year <= 9999 ? $"{year}" : "+" + year,
            "YYYYY" => Pad(year, 5), "YYYYYY" => (year >= 0 ? "+" : "-") + Pad(Math.Abs(year), 6),
            "y" or "yyyy" => $"{year}", "yy" => Pad(year % 100, 2), "yo" => Ordinal(year),
            "N" or "NN" or "NNN" or "NNNNN" => "AD", "NNNN" => "Anno Domini",
            "gg" => Pad(localWeek.Year % 100, 2), "gggg" => Pad(localWeek.Year, 4), "ggggg" => Pad(localWeek.Year, 5),
            "GG" => Pad(isoWeek.Year % 100, 2), "GGGG" => Pad(isoWeek.Year, 4), "GGGGG" => Pad(isoWeek.Year, 5),
            "H" => $"{t.Hour}", "HH" => Pad(t.Hour, 2), "h" => $"{hour12}", "hh" => Pad(hour12, 2),
            "k" => $"{(t.Hour == 0 ? 24 : t.Hour)}", "kk" => Pad(t.Hour == 0 ? 24 : t.Hour, 2),
            "Hmm" => $"{t.Hour}{Pad(t.Minute, 2)}", "Hmmss" => $"{t.Hour}{Pad(t.Minute, 2)}{Pad(t.Second, 2)}",
            "hmm" => $"{hour12}{Pad(t.Minute, 2)}", "hmmss" => $"{hour12}{Pad(t.Minute, 2)}{Pad(t.Second, 2)}",
            "a" => t.Hour < 12 ? "am" : "pm", "A" => t.Hour < 12 ? "AM" : "PM",
            "m" => $"{t.Minute}", "mm" => Pad(t.Minute, 2), "s" => $"{t.Second}", "ss" => Pad(t.Second, 2),
            "S" or "SS" or "SSS" or "SSSS" or "SSSSS" or "SSSSSS" or "SSSSSSS" or "SSSSSSSS" or "SSSSSSSSS" => Fraction(t, token.Length),
            "Z" => Offset(t, ":"), "ZZ" => Offset(t, ""),
            "z" or "zz" => zoneAbbreviation,
            "X" => $"{t.ToUnixTimeSeconds()}", "x" => $"{t.ToUnixTimeMilliseconds()}",
            _ => null,
        };
    }

    static string Pad(int value, int width) => value < 0 ? "-" + (-value).ToString().PadLeft(width, '0') : value.ToString().PadLeft(width, '0');

    static string Fraction(DateTimeOffset t, int digits) =>
        digits <= 3 ? (t.Millisecond / (int)Math.Pow(10, 3 - digits)).ToString().PadLeft(digits, '0') : Pad(t.Millisecond, 3) + new string('0', digits - 3);

    static string Offset(DateTimeOffset t, string separator)
    {
        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        offset = offset.Duration();
        return $"{sign}{Pad(offset.Hours, 2)}{separator}{Pad(offset.Minutes, 2)}";
    }

    static string Ordinal(int number)
    {
        var lastTwo = number % 100;
        var suffix = lastTwo is >= 11 and <= 13 ? "th" : (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return number + suffix;
    }

    /// <summary>moment's week of year for a locale whose week starts on <paramref name="dow"/> and whose first week contains Jan <c>7 + dow - doy</c>.</summary>
    static (int Week, int Year) Week(DateTimeOffset t, int dow, int doy)
    {
        var offset = FirstWeekOffset(t.Year, dow, doy);
        var week = (int)Math.Floor((t.DayOfYear - offset - 1) / 7.0) + 1;
        if (week < 1) return (week + WeeksInYear(t.Year - 1, dow, doy), t.Year - 1);
        if (week > WeeksInYear(t.Year, dow, doy)) return (week - WeeksInYear(t.Year, dow, doy), t.Year + 1);
        return (week, t.Year);
    }

    static int FirstWeekOffset(int year, int dow, int doy)
    {
        var firstWeekDay = 7 + dow - doy;
        var weekday = (int)new DateTime(year, 1, firstWeekDay).DayOfWeek;
        return -((7 + weekday - dow) % 7) + firstWeekDay - 1;
    }

    static int WeeksInYear(int year, int dow, int doy) =>
        ((DateTime.IsLeapYear(year) ? 366 : 365) - FirstWeekOffset(year, dow, doy) + FirstWeekOffset(year + 1, dow, doy)) / 7;

    [GeneratedRegex(@"(\[[^\[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)", RegexOptions.Singleline)]
    private static partial Regex Tokens();

    [GeneratedRegex(@"(\[[^\[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})")]
    private static partial Regex LocalizedTokens();
}
