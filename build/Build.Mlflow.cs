using GitHub;
using Metadata;
using Metadata.Templates;
using Mlflow;

/// <summary>
/// The MLflow version in the image's tags and labels (issue 16): {{mlflow_*}} templates in the rules, labels and
/// annotations, the default version tags, and which moving tags (X.Y, X, latest) a version may take, decided from
/// the image repository's tags. Wired in through Tag's neutral members; the components know no MLflow.
/// </summary>
partial class Build
{
    /// <summary>The rules a publish for this kind of ref uses (<see cref="MlflowTagRules"/>); Prune reads tags back through them.</summary>
    IReadOnlyList<string> ITag.DefaultTagRulesFor(GitHubContext github) => MlflowTagRules.For(github);

    /// <summary>
    /// This run's rules. A build that does not push takes the ref's tags only: the version tags and `latest` describe
    /// the registry's releases, and a local image under them would pass for a published one (--tags asks for them,
    /// e.g. "type=raw,value={{mlflow_version}}").
    /// </summary>
    IReadOnlyList<string> ITag.DefaultTagRules => ((ILogin)this).Push
        ? MlflowTagRules.For(((IHazGitHubContext)this).GitHubContext)
        : [.. MlflowTagRules.RefRules(((IHazGitHubContext)this).GitHubContext), .. LocalVersionTags];

    /// <summary>Several versions built locally (--mlflow-versions asks for them): each is told apart by its version tag.</summary>
    string[] LocalVersionTags => Versions.MlflowVersions.Count > 1 ? ["type=raw,value={{mlflow_version}}"] : [];

    /// <summary>
    /// How Prune reads {{mlflow_version*}} back out of a tag: as a version, so X.Y.Z, X.Y, X and the X.Y.Z-sha7 pins
    /// stay whatever Prune is asked (3.1.1-5b1834c is no commit of a branch "3.1.1").
    /// </summary>
    IReadOnlyDictionary<string, Prune.TemplateShape> IPrune.TagTemplates => new Dictionary<string, Prune.TemplateShape>
    {
        ["mlflow_version"] = new("[0-9][0-9A-Za-z._]*", IsVersion: true),
        ["mlflow_version_minor"] = new("[0-9]+[.][0-9]+", IsVersion: true),
        ["mlflow_version_major"] = new("[0-9]+", IsVersion: true),
    };

    string? ITag.ImageVersion => MlflowTemplates.Version(Versions.MlflowVersion);

    IHazMlflowVersions Versions => this;

    /// <summary>Fills in {{mlflow_*}}; the registry is read only when a line asks which moving tags this version takes.</summary>
    async Task<MetadataInputs> ITag.ExpandBuildTemplatesAsync(MetadataInputs inputs, MetadataContext context)
    {
        if (EachVersionApart)
            throw new BuildError($"--mlflow-versions names {Versions.MlflowVersions.Count} versions: Publish builds each in a run of its own; "
                + "other targets build one, so add --mlflow-version (one of the list).");
        var lines = inputs.Tags.Concat(inputs.Labels).Concat(inputs.Annotations).ToList();
        MlflowTagLine? line = null;
        if (lines.Any(MlflowTemplates.UsesTagLine)) line = await DecideTagLineAsync(ContextTemplates.IsDefaultBranch(context));
        var version = Versions.MlflowVersion;
        var primary = Versions.MlflowVersions[0] == version;
        string Expand(string text) => MlflowTemplates.Expand(text, version, () => line ?? MlflowTagLine.None, primary);
        return inputs with
        {
            Tags = inputs.Tags.Select(Expand).ToList(),
            Labels = inputs.Labels.Select(Expand).ToList(),
            Annotations = inputs.Annotations.Select(Expand).ToList(),
        };
    }

    async Task<MlflowTagLine> DecideTagLineAsync(bool defaultBranch)
    {
        var version = Versions.MlflowVersion;
        if (!defaultBranch || MlflowRelease.TryParse(version) is not { } release) return MlflowTagLine.None;
        if (await PublishedTagsAsync() is not { } published) return MlflowTagLine.None;
        var line = MlflowTagLine.Decide(version, defaultBranch, published, Versions.MlflowVersions);
        var inRun = Versions.MlflowVersions.Count > 1 ? $" and this run's {string.Join(", ", Versions.MlflowVersions)}" : "";
        Log.Information($"MLflow {release}: {(line.Newest ? "the newest release" : "not the newest release")} among {Image}'s {published.Count} tags{inRun}; "
            + $"{release.Major}.{release.Minor}: {YesNo(line.NewestInMinor)}, {release.Major}: {YesNo(line.NewestInMajor)}, latest: {YesNo(line.Newest)}");
        return line;
    }

    static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>
    /// The image repository's tags; null when they cannot be read. Only a push needs them (a local build moves no
    /// registry tag).
    /// </summary>
    async Task<IReadOnlyList<string>?> PublishedTagsAsync()
    {
        // A local name (no owner/repo) is never pushed: no registry holds it.
        if (!((ILogin)this).Push || !((IHazImage)this).ImageNameIsKnown) return [];
        try
        {
            // The connection Merge opened early (its login challenge answered) serves this too; Merge still takes it later.
            if (await ((IMerge)this).BorrowRegistryConnectionAsync() is { } shared) return await shared.TagsAsync();
            using var registry = ((IMerge)this).RegistryApiFactory();
            return await registry.TagsAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Log.Warning($"Could not read the tags of {Image} ({e.Message}): MLflow {Versions.MlflowVersion} takes none of X.Y, X and latest this run, "
                + "since a guess could move them back to an older MLflow.");
            return null;
        }
    }

    string Image => ((IHazImage)this).Image;
}
