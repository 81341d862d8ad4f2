using Mlflow;

namespace Build.Tests.Mlflow;

public class MlflowTagsTests
{
    [Theory]
    [InlineData("v3.1.1", "3.1.1")]
    [InlineData("3.10.0", "3.10.0")]
    [InlineData("v3.2.0rc0", null)]
    [InlineData("v3.1.1-full", null)]
    [InlineData("latest", null)]
    [InlineData("v3.1.1.dev0", null)]
    [InlineData("v3.01.1", null)]
    [InlineData("v3.1", null)]
    public void Only_plain_X_Y_Z_is_a_release(string tag, string? release) =>
        Assert.Equal(release, MlflowRelease.TryParse(tag)?.ToString());

    [Fact]
    public void The_newest_release_ignores_candidates_full_variants_and_latest() =>
        Assert.Equal("3.1.1", MlflowRelease.Newest(["v3.0.1", "v3.1.1", "v3.2.0rc0", "v3.1.1-full", "latest", "v3.10.0-full"])!.ToString());

    [Fact]
    public void Releases_compare_numerically() =>
        Assert.True(MlflowRelease.TryParse("v3.10.0")!.CompareTo(MlflowRelease.TryParse("v3.9.9")) > 0);

    [Theory]
    // existing X.Y.Z tags of our image repository, versions of this run → X.Y, X, latest
    [InlineData("v3.1.1", "", "", true, true, true)]
    [InlineData("v3.1.1", "3.1.1,3.1.1-abc1234,3.0.1,latest,main", "", true, true, true)]   // a rebuild keeps them
    [InlineData("v3.0.1", "3.1.1,3.0.1", "", true, false, false)]                         // 3.0 follows 3.0.x
    [InlineData("v3.1.1", "", "v3.1.1,v3.0.1", true, true, true)]
    [InlineData("v3.0.1", "", "v3.1.1,v3.0.1", true, false, false)]
    [InlineData("v3.0.1", "3.0.2", "", false, false, false)]
    [InlineData("v3.1.1", "4.0.0", "", true, true, false)]
    [InlineData("v3.2.0rc0", "", "", false, false, false)]                                // a candidate takes none
    public void Moving_tags_go_to_the_newest_of_their_series(string version, string published, string inRun, bool minor, bool major, bool latest)
    {
        var line = MlflowTagLine.Decide(version, true, Split(published), Split(inRun));
        Assert.Equal(new MlflowTagLine(minor, major, latest), line);
    }

    [Fact]
    public void Off_the_default_branch_no_moving_tag() =>
        Assert.Equal(MlflowTagLine.None, MlflowTagLine.Decide("v9.9.9", false, [], []));

    [Fact]
    public void Templates_fill_in_the_version_and_its_series()
    {
        var line = new MlflowTagLine(true, false, false);
        Assert.Equal("type=raw,value=3.1.1-{{sha}}", MlflowTemplates.Expand("type=raw,value={{mlflow_version}}-{{sha}}", "v3.1.1", () => line));
        Assert.Equal("type=raw,value=3.1,enable=true", MlflowTemplates.Expand("type=raw,value={{mlflow_version_minor}},enable={{mlflow_is_newest_minor}}", "v3.1.1", () => line));
        Assert.Equal("type=raw,value=3,enable=false", MlflowTemplates.Expand("type=raw,value={{ mlflow_version_major }},enable={{mlflow_is_newest_major}}", "v3.1.1", () => line));
        Assert.Equal("org.opencontainers.image.version=3.2.0rc0", MlflowTemplates.Expand("org.opencontainers.image.version={{mlflow_version}}", "v3.2.0rc0", () => throw new InvalidOperationException()));
        Assert.Equal("type=raw,value={{branch}}", MlflowTemplates.Expand("type=raw,value={{branch}}", "v3.1.1", () => throw new InvalidOperationException()));
    }

    [Fact]
    public void An_unknown_mlflow_template_is_one_line() =>
        Assert.StartsWith("'x={{mlflow_verison}}' names '{{mlflow_verison}}', which is not an MLflow template",
            Assert.Throws<BuildError>(() => MlflowTemplates.Expand("x={{mlflow_verison}}", "v3.1.1", () => MlflowTagLine.None)).Message);

    [Fact]
    public void The_version_label_is_pinned_on_labels_and_annotations_unless_the_user_set_it()
    {
        string[] labels = ["org.opencontainers.image.title=repo", "org.opencontainers.image.version=main"];
        Assert.Equal(["org.opencontainers.image.title=repo", "org.opencontainers.image.version=3.1.1"],
            global::Metadata.PinnedLabel.Pin(labels, global::Metadata.PinnedLabel.VersionKey, "3.1.1", null));
        Assert.Equal(["manifest:org.opencontainers.image.version=3.1.1", "index:x=org.opencontainers.image.version=y"],
            global::Metadata.PinnedLabel.Pin(["manifest:org.opencontainers.image.version=main", "index:x=org.opencontainers.image.version=y"], global::Metadata.PinnedLabel.VersionKey, "3.1.1", null));
        Assert.Equal(labels, global::Metadata.PinnedLabel.Pin(labels, global::Metadata.PinnedLabel.VersionKey, "3.1.1", ["org.opencontainers.image.version=mine"]));
    }

    static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
