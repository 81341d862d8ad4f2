namespace Metadata;

/// <summary>
/// The version the rules produced: the main value, further (partial) values, and whether <c>latest</c>
/// is added. Values are sanitized as the action does; <see cref="DockerTag"/> applies Docker's own rule later.
/// </summary>
internal sealed class ImageVersion
{
    readonly List<string> partial = [];

    public string? Main { get; private set; }
    public IReadOnlyList<string> Partial => partial;
    bool? latest;
    public bool Latest => latest ?? false;

    /// <summary>Adds a value; the first non-empty value decides <c>latest</c> for the whole version.</summary>
    public void Add(string value, bool isLatest)
    {
        if (value.Length == 0) return;
        value = DockerTag.ReplaceInvalidCharacters(value);
        if (Main is null) Main = value;
        else if (value != Main && !partial.Contains(value)) partial.Add(value);
        latest ??= isLatest;
    }
}
