using System.Globalization;
using System.Text.RegularExpressions;

namespace Prune;

/// <summary>"7d", "12h", "30m" (or a TimeSpan such as 1.00:00:00) for the Prune age parameters.</summary>
internal static partial class Durations
{
    /// <summary>Far beyond any retention, and far below TimeSpan's own limit (about 29,000 years): now minus it stays a date.</summary>
    static readonly TimeSpan Longest = TimeSpan.FromDays(100 * 365);

    public static TimeSpan Parse(string parameter, string text)
    {
        var name = $"--{Engine.Names.Kebab(parameter)} '{text}'";
        var match = Pattern().Match(text.Trim());
        TimeSpan? span = null;
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var days = amount / (match.Groups[2].Value switch { "d" => 1, "h" => 24, _ => 24 * 60 });
            if (days > Longest.TotalDays) throw TooLong(name);
            span = TimeSpan.FromDays(days);
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero) span = parsed;
        else if (text.Trim().StartsWith('-'))
            throw new BuildError($"{name} is negative: write a duration of 0 or more, e.g. 7d, 12h or 30m.");
        if (span is not { } value) throw new BuildError($"{name} is not a duration: write e.g. 7d, 12h or 30m.");
        return value > Longest ? throw TooLong(name) : value;
    }

    static BuildError TooLong(string name) => new($"{name} is longer than 100 years: write a shorter duration, e.g. 7d, 12h or 30m.");

    [GeneratedRegex(@"^(\d{1,18}(?:\.\d{1,9})?)([dhm])$")]
    private static partial Regex Pattern();
}
