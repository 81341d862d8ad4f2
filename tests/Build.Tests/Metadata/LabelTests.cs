using global::Metadata;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

public class LabelTests
{
    [Fact]
    public void Custom_labels_override_defaults_and_sort_like_icu()
    {
        var labels = Compute(Context("refs/heads/dev"), ["type=ref,event=branch"],
            labels: ["org.Z=1", "Maintainer=B", "maintainer=a", "com.example-x=1", "com.example.y=1", "com.example_z=1", "a.b=1", "_x=1",
                     "org.opencontainers.image.title=Mine", "invalid", "foo=", "org.opencontainers.image.vendor={{branch}}"]).Labels;
        Assert.Equal(
        [
            "_x=1", "a.b=1", "com.example_z=1", "com.example-x=1", "com.example.y=1", "foo=", "maintainer=a", "Maintainer=B",
            "org.opencontainers.image.created=2020-01-10T00:30:00.000Z", "org.opencontainers.image.description=This your first repo!",
            "org.opencontainers.image.licenses=MIT", "org.opencontainers.image.revision=" + Sha,
            "org.opencontainers.image.source=https://github.com/octocat/Hello-World", "org.opencontainers.image.title=Mine",
            "org.opencontainers.image.url=https://github.com/octocat/Hello-World", "org.opencontainers.image.vendor=dev",
            "org.opencontainers.image.version=dev", "org.Z=1",
        ], labels);
    }

    [Fact]
    public void Annotations_get_every_level()
    {
        var context = Context("refs/heads/dev") with { AnnotationLevels = ["index", "manifest"] };
        var output = MetadataComputation.Compute(new MetadataInputs { Tags = ["type=raw,a"] }, context);
        Assert.Equal(2 * output.AnnotationEntries.Count, output.Annotations.Count);
        Assert.StartsWith("index:", output.Annotations[0]);
        Assert.StartsWith("manifest:", output.Annotations[^1]);
    }
}
