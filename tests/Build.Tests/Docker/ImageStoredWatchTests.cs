using Docker;

namespace Build.Tests.Docker;

/// <summary>The moment buildx's plain progress says the image exporter stored the staging image (its push may start).</summary>
public class ImageStoredWatchTests
{
    const string Name = "127.0.0.1:5000/o/mlflow:staging-42-1-linux-amd64-linux-arm64";

    /// <summary>buildx 0.13 on the docker driver (containerd image store): the exporter's step, then the cache export.</summary>
    static readonly string[] Progress =
    [
        "#16 [linux/arm64 3/3] RUN true",
        "#16 DONE 0.0s",
        "",
        "#17 exporting to image",
        "#17 exporting layers done",
        "#17 exporting manifest sha256:a9a49695f6536222b867cb94c64ce0a90f2d565807ec8b157574a626d4c3f7ce done",
        "#17 exporting manifest list sha256:cd44686d18109db20f35e7cbaf153163aaa01685ee360d1719bacf653afc671e done",
        $"#17 naming to {Name} done",
        $"#17 unpacking to {Name} done",
        "#17 DONE 0.1s",
        "",
        "#18 exporting cache to registry",
        "#18 preparing build cache for export",
        "#18 DONE 0.4s",
    ];

    static List<int> StoredAt(string name, IEnumerable<string> lines)
    {
        var watch = new ImageStoredWatch(name);
        return lines.Select((line, at) => (watch.Saw(line), at)).Where(p => p.Item1).Select(p => p.at).ToList();
    }

    [Fact]
    public void Says_stored_once_at_the_exporters_DONE_before_the_cache_export()
    {
        Assert.Equal([Array.IndexOf(Progress, "#17 DONE 0.1s")], StoredAt(Name, Progress));
    }

    [Fact]
    public void Another_name_an_error_or_an_unknown_format_is_never_stored()
    {
        Assert.Empty(StoredAt(Name.Replace("staging-42-1", "staging-43-1"), Progress));
        Assert.Empty(StoredAt(Name, Progress.Select(l => l == "#17 DONE 0.1s" ? "#17 ERROR: failed to export image: no space left on device" : l)));
        // Another step finishing while the exporter works is not the exporter's DONE.
        Assert.Empty(StoredAt(Name, Progress.Select(l => l == "#17 DONE 0.1s" ? "#18 DONE 0.4s" : l)));
        // The DONE of a step that named nothing (the exporter's name line missing: a format this watch does not know).
        Assert.Empty(StoredAt(Name, Progress.Where(l => !l.Contains("naming to", StringComparison.Ordinal))));
        Assert.Empty(StoredAt(Name, ["[+] Building 1.2s (17/17) FINISHED", $" => => naming to {Name}", " => exporting to image"]));
    }
}
