namespace Mlflow;

/// <summary>
/// Which of the moving tags an MLflow version may take: `X.Y` when it is the newest X.Y.* release, `X` the
/// newest X.*, `latest` the newest of all, each among the releases the image repository already holds
/// (its `X.Y.Z` tags) and the ones this run builds; only on the default branch. Pure: the tags are passed in.
/// </summary>
/// <remarks>
/// Per series on purpose: `3.0` keeps following 3.0.x after 3.1 exists, as `python:3.11` does; a rebuild of an
/// older release therefore never moves `latest`, `3` or `3.1` backwards.
/// </remarks>
internal sealed record MlflowTagLine(bool NewestInMinor, bool NewestInMajor, bool Newest)
{
    public static readonly MlflowTagLine None = new(false, false, false);

    public static MlflowTagLine Decide(string mlflowVersion, bool defaultBranch, IEnumerable<string> publishedTags, IEnumerable<string> versionsInRun)
    {
        if (!defaultBranch || MlflowRelease.TryParse(mlflowVersion) is not { } release) return None;
        var others = publishedTags.Concat(versionsInRun).Select(MlflowRelease.TryParse).OfType<MlflowRelease>().ToList();
        bool NoneNewer(Func<MlflowRelease, bool> series) => !others.Where(series).Any(other => other.CompareTo(release) > 0);
        return new MlflowTagLine(
            NoneNewer(o => o.Major == release.Major && o.Minor == release.Minor),
            NoneNewer(o => o.Major == release.Major),
            NoneNewer(_ => true));
    }
}
