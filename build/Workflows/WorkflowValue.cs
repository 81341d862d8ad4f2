using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows;

/// <summary>
/// A scalar in a workflow: a string, or a number/bool written as such. Strings that plain YAML would read
/// as something else (true, null, 1.0, 0x1F, ~) are marked so the writer quotes them.
/// </summary>
internal readonly record struct WorkflowValue
{
    WorkflowValue(string text, bool isString) => (Text, IsString) = (text, isString);

    public string Text { get; }

    /// <summary>False for numbers and bools, which are written plain.</summary>
    public bool IsString { get; }

    /// <summary>True when the text, written unquoted, would not read back as this string.</summary>
    public bool NeedsQuotes => IsString && ReadsAsNonString(Text);

    public static WorkflowValue String(string text) => new(text, true);

    public static implicit operator WorkflowValue(string text) => String(text);
    public static implicit operator WorkflowValue(int number) => new(number.ToString(CultureInfo.InvariantCulture), false);
    public static implicit operator WorkflowValue(bool flag) => new(flag ? "true" : "false", false);

    public override string ToString() => Text;

    // The union of YAML 1.1 and 1.2 (core) plain-scalar resolution: GitHub's parser follows 1.2, yamllint and
    // older tools 1.1, so a string matching either is quoted.
    static readonly Regex NonString = new(
        """
        ^(?:
            y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
          | ~|null|Null|NULL|=|<<
          | [-+]?(?:0|[1-9][0-9_]*)
          | [-+]?0[0-7_]+ | 0o[0-7]+ | [-+]?0x[0-9a-fA-F_]+ | [-+]?0b[01_]+
          | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
          | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?
          | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+
          | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
        )$
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant);

    static bool ReadsAsNonString(string text) => text.Length == 0 || NonString.IsMatch(text);
}
