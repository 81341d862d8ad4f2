using System.Text.RegularExpressions;

namespace Prune;

/// <summary>"7d", "12h", "30m" (or a TimeSpan such as 1.00:00:00) for the Prune age parameters.</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(string parameter, string text)
    {
        var match = Pattern().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "d" => TimeSpan.FromDays(amount), "h" => TimeSpan.FromHours(amount), _ => TimeSpan.FromMinutes(amount) };
        }
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero) return span;
        throw new BuildError($"--{Engine.Names.Kebab(parameter)} '{text}' is not a duration: write e.g. 7d, 12h or 30m.");
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)([dhm])$")]
    private static partial Regex Pattern();
}
