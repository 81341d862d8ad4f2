using System.Globalization;
using System.Text.RegularExpressions;

namespace Metadata.Input;

/// <summary>JavaScript's <c>Number(string)</c>: the action compares priorities and checks groups with it.</summary>
public static partial class JavaScriptNumber
{
    public static double Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return 0;
        switch (text)
        {
            case "Infinity" or "+Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        if (text.Length > 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is var radixChar && radixChar is 'x' or 'o' or 'b')
        {
            var radix = radixChar switch { 'x' => 16, 'o' => 8, _ => 2 };
            double result = 0;
            foreach (var c in text[2..])
            {
                var digit = HexDigit(c);
                if (digit < 0 || digit >= radix) return double.NaN;
                result = result * radix + digit;
            }
            return result;
        }
        return Decimal().IsMatch(text) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : double.NaN;
    }

    /// <summary>The integer a JavaScript string index conversion accepts exactly ("0", "1", ... but not "01" or "1.0").</summary>
    public static int? ArrayIndex(string text) =>
        ArrayIndexText().IsMatch(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"^(0|[1-9]\d{0,8})$")]
    private static partial Regex ArrayIndexText();
}
