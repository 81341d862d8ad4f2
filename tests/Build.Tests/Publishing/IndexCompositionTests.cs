using System.Text;
using System.Text.Json.Nodes;
using Build.Tests.Docker;
using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;

namespace Build.Tests.Publishing;

/// <summary>
/// Merge composes the index itself instead of starting <c>buildx imagetools create --dry-run</c>: here both make the
/// index of the same sources in the registry and the bytes must be equal (the digest every tag gets depends on them).
/// </summary>
public class IndexCompositionTests
{
    const string Oci = "application/vnd.oci.image.index.v1+json";

    [SkippableFact]
    public async Task The_index_is_byte_for_byte_the_one_buildx_composes()
    {
        Need.Registry();
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        var repository = DockerSandbox.UniqueRepository("compose");
        var image = $"{TestRegistry.Address}/{repository}";
        // The stand-in's two platform manifests, copied into a repository of the test's own.
        var copy = await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker",
            ["buildx", "imagetools", "create", "--tag", $"{image}:base", $"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}"]), echoOutput: false);
        Assert.True(copy.Succeeded, copy.StandardError);
        using var api = new RegistryApi(ImageReference.Parse(image), TestRegistry.User, TestRegistry.PasswordSecret);
        var children = (await api.ManifestAsync("base"))!.Json["manifests"]!.AsArray().Select(m => m!.AsObject()).ToList();
        // BuildKit pushes OCI manifests; the stand-in's are Docker's (then buildx writes a Docker list): OCI copies of them.
        var (amd, arm, arm2) = (await OciCopyAsync(api, children[0]), await OciCopyAsync(api, children[1]), await OciCopyAsync(api, children[1], "second"));
        string Entry(JsonObject child, string platform, string annotations = "") =>
            "{\"size\":" + child["size"] + ",\"digest\":\"" + child["digest"] + "\",\"mediaType\":\"" + child["mediaType"] + "\"," + annotations + "\"platform\":" + platform + "}";
        string Index(params string[] entries) => "{\"mediaType\":\"" + Oci + "\",\"schemaVersion\":2,\"manifests\":[" + string.Join(",", entries) + "]}";

        // Keys in another order than Go's, and BuildKit's attestation entry: composition writes Go's order.
        var oneSolve = await PutAsync(api, Index(
            Entry(amd, "{\"os\":\"linux\",\"architecture\":\"amd64\"}"),
            Entry(arm, "{\"architecture\":\"unknown\",\"os\":\"unknown\"}",
                "\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\",\"vnd.docker.reference.digest\":\"" + amd["digest"] + "\"},")));
        var second = await PutAsync(api, Index(
            Entry(arm2, "{\"variant\":\"v8\",\"os\":\"linux\",\"architecture\":\"arm64\"}", "\"annotations\":{\"z.last\":\"1\",\"a.first\":\"<&>\"},")));
        string[] annotations = ["index:org.opencontainers.image.title=fixture", "index:a.key=<b> & \"quoted\" ü \u2028 tab\t\\", "index:z=", "index:m=last"];

        foreach (var sources in new[] { new[] { oneSolve, oneSolve }, [oneSolve, second], [second] })
        {
            var buildx = await sandbox.Docker.RunAsync(new ImagetoolsCreateSettings(sources.Select(s => $"{image}@{s.Digest}").ToList())
                { Annotations = annotations, DryRun = true }.ToCommand(), echoOutput: false);
            Assert.True(buildx.Succeeded, buildx.StandardError);

            var composed = IndexComposition.Compose(sources.DistinctBy(s => s.Digest).ToList(), annotations);

            Assert.NotNull(composed);
            Assert.Equal(buildx.StandardOutput.TrimEnd('\n'), Encoding.UTF8.GetString(composed.Bytes));
        }
    }

    [Fact]
    public void What_buildx_does_differently_is_left_to_buildx()
    {
        var index = new ManifestBytes(Oci, Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + Oci + "\",\"manifests\":[]}"));
        var manifest = new ManifestBytes("application/vnd.oci.image.manifest.v1+json", Encoding.UTF8.GetBytes("""{"schemaVersion":2,"layers":[]}"""));
        Assert.NotNull(IndexComposition.Compose([index], ["index:a=1"]));
        var dockerChild = new ManifestBytes(Oci, Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + Oci + "\",\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"sha256:1\",\"size\":1}]}"));
        // No annotations (buildx may push a single source unchanged), a plain manifest, a Docker manifest listed
        // (buildx then writes a Docker list), another annotation level, a control character Go versions write differently.
        Assert.Null(IndexComposition.Compose([dockerChild], ["index:a=1"]));
        Assert.Null(IndexComposition.Compose([index], []));
        Assert.Null(IndexComposition.Compose([manifest], ["index:a=1"]));
        Assert.Null(IndexComposition.Compose([index], ["index-descriptor:a=1"]));
        Assert.Null(IndexComposition.Compose([index], ["index:a=bell\b"]));
    }

    static async Task<JsonObject> OciCopyAsync(RegistryApi api, JsonObject child, string? title = null)
    {
        var docker = (await api.ManifestAsync(child["digest"]!.GetValue<string>()))!.Json;
        JsonObject Blob(JsonNode? of, string mediaType) => new() { ["mediaType"] = mediaType, ["digest"] = of!["digest"]!.DeepClone(), ["size"] = of["size"]!.DeepClone() };
        var oci = new JsonObject
        {
            ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Blob(docker["config"], "application/vnd.oci.image.config.v1+json"),
            ["layers"] = new JsonArray(docker["layers"]!.AsArray().Select(l => (JsonNode)Blob(l, "application/vnd.oci.image.layer.v1.tar+gzip")).ToArray()),
        };
        if (title is not null) oci["annotations"] = new JsonObject { ["org.opencontainers.image.title"] = title };
        var manifest = new ManifestBytes("application/vnd.oci.image.manifest.v1+json", Encoding.UTF8.GetBytes(oci.ToJsonString()));
        await api.PutManifestAsync(manifest.Digest, manifest);
        return new JsonObject { ["mediaType"] = manifest.MediaType, ["digest"] = manifest.Digest, ["size"] = manifest.Bytes.Length };
    }

    static async Task<ManifestBytes> PutAsync(RegistryApi api, string json)
    {
        var manifest = new ManifestBytes(Oci, Encoding.UTF8.GetBytes(json.Trim()));
        await api.PutManifestAsync(manifest.Digest, manifest);
        return (await api.ManifestAsync(manifest.Digest))!;
    }
}
