using System.Globalization;
using System.Text.RegularExpressions;

namespace Metadata.Input;

/// <summary>JavaScript's <c>Number(string)</c>: the action compares priorities and checks groups with it.</summary>
internal static partial class JavaScriptNumber
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

    /// <summary>JavaScript's <c>String(number)</c>: shortest round-trip digits, exponent form from 1e21 and below 1e-6.</summary>
    public static string ToText(double number)
    {
        if (double.IsNaN(number)) return "NaN";
        if (double.IsInfinity(number)) return number > 0 ? "Infinity" : "-Infinity";
        if (number == 0) return "0";
        if (number < 0) return "-" + ToText(-number);
        var shortest = number.ToString("R", CultureInfo.InvariantCulture).Split('E');
        var mantissa = shortest[0];
        var point = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "").TrimStart('0');
        // n: where the decimal point falls after the first digit of 'digits' (value = 0.digits × 10^n).
        var n = (point < 0 ? mantissa.Length : point) + (shortest.Length > 1 ? int.Parse(shortest[1], CultureInfo.InvariantCulture) : 0)
            - (mantissa.Replace(".", "").Length - digits.Length);
        digits = digits.TrimEnd('0');
        var k = digits.Length;
        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var exponent = n - 1;
        return digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (exponent >= 0 ? "+" : "-") + Math.Abs(exponent);
    }

    /// <summary><c>String(Number(digits))</c> for a run of decimal digits (leading zeros go, past 2^53 precision goes).</summary>
    public static string DigitsText(string digits) =>
        digits.TrimStart('0') is { Length: > 0 and <= 15 } trimmed ? trimmed : ToText(Parse(digits));

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
