using System.Text.RegularExpressions;

namespace Docker;

/// <summary>
/// Reads buildx's plain progress, line by line, for the moment the image exporter has stored <paramref name="name"/>
/// in the local engine: the step "#N exporting to image", its line "#N naming to &lt;name&gt; done", then "#N DONE".
/// The build may go on after that (exporting its cache), and the stored image can already be pushed. Output it does
/// not recognise (another buildx, another progress format) simply never says stored.
/// </summary>
internal sealed partial class ImageStoredWatch(string name)
{
    string? step;
    bool named;

    public bool Stored { get; private set; }

    /// <summary>Takes one output line; true only for the line that says the image is stored.</summary>
    public bool Saw(string line)
    {
        if (Stored || StepLine().Match(line) is not { Success: true } match) return false;
        var (id, text) = (match.Groups[1].Value, match.Groups[2].Value.TrimEnd());
        if (text == "exporting to image") (step, named) = (id, false);
        else if (id != step) return false;
        else if (text == $"naming to {name} done") named = true;
        else if (named && (text == "DONE" || text.StartsWith("DONE ", StringComparison.Ordinal))) return Stored = true;
        return false;
    }

    [GeneratedRegex(@"^#(\d+) (.+)$")]
    private static partial Regex StepLine();
}
