using Tooling;

namespace Publishing;

/// <summary>
/// The time an image of a commit carries, so two builds of it are the same image: SOURCE_DATE_EPOCH when set,
/// else the commit's time (the convention reproducible-builds.org gives the variable): git's committer time of HEAD
/// first, so a push and a later scheduled rebuild (whose payload has no head commit) date the image alike; the
/// GitHub context's commit date when git cannot tell. Null when neither knows.
/// </summary>
internal sealed record SourceDate(long? Seconds)
{
    /// <param name="commitDateIsGits">The commit date came from git already (a local run's context): git is not asked again.</param>
    public static async Task<SourceDate> ResolveAsync(IReadOnlyDictionary<string, string?> environment, DateTimeOffset? commitDate, string repository, bool commitDateIsGits = false)
    {
        if (Metadata.MetadataContextSource.SourceDateEpoch(environment) is { } pinned) return new(pinned.ToUnixTimeSeconds());
        if (commitDateIsGits && commitDate is { } known) return new(known.ToUnixTimeSeconds());
        var git = await ToolRunner.RunAsync(Git.GitCommands.CommitDate(repository), echoOutput: false);
        if (git.Succeeded && DateTimeOffset.TryParse(git.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var head))
            return new(head.ToUnixTimeSeconds());
        return new(commitDate?.ToUnixTimeSeconds());
    }

    /// <summary>The build argument BuildKit and the Dockerfile read (none when unknown).</summary>
    public IEnumerable<KeyValuePair<string, string>> BuildArgs =>
        Seconds is { } s ? [KeyValuePair.Create("SOURCE_DATE_EPOCH", s.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [];

    /// <summary>The org.opencontainers.image.created value (RFC 3339, as metadata-action writes it).</summary>
    public string? Created => Seconds is { } s ? Metadata.OciLabels.IsoTime(DateTimeOffset.FromUnixTimeSeconds(s)) : null;
}
