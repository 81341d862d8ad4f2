using System.Net;
using System.Text;
using Publishing;
using Registry;

namespace Build.Tests.Publishing;

/// <summary>Staging tags are deleted only when that cannot touch what the published tags need.</summary>
public class StagingCleanupTests
{
    static readonly string Amd = "sha256:" + new string('a', 64);
    static readonly string Arm = "sha256:" + new string('b', 64);
    static readonly string Final = "sha256:" + new string('f', 64);
    const string Image = "127.0.0.1:5000/o/mlflow";

    /// <summary>A registry API that knows some tags and one index, and records what it was asked.</summary>
    sealed class FakeRegistry(Dictionary<string, string> tags, string[] indexChildren, HttpStatusCode deleteStatus = HttpStatusCode.Accepted) : HttpMessageHandler
    {
        public List<string> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var reference = request.RequestUri!.AbsolutePath.Split('/').Last();
            Requests.Add($"{request.Method} {reference}");
            var response = request.Method.Method switch
            {
                "GET" when reference == "list" => new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("{\"tags\":[" + string.Join(",", tags.Keys.Select(t => $"\"{t}\"")) + "]}", Encoding.UTF8),
                },
                "HEAD" when reference == "latest" => new HttpResponseMessage(HttpStatusCode.OK) { Headers = { { "Docker-Content-Digest", Final } } },
                "HEAD" when tags.TryGetValue(reference, out var digest) => new HttpResponseMessage(HttpStatusCode.OK) { Headers = { { "Docker-Content-Digest", digest } } },
                "GET" when reference == Final => new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("{\"manifests\":[" + string.Join(",", indexChildren.Select(c => $"{{\"digest\":\"{c}\"}}")) + "]}", Encoding.UTF8),
                },
                "DELETE" => new HttpResponseMessage(deleteStatus),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
            return Task.FromResult(response);
        }
    }

    static async Task<List<string>> CleanAsync(FakeRegistry registry, string image = Image, params PlatformImage[] platforms)
    {
        await new StagingCleanup(dryRun: false).RemoveAsync(image, platforms, ["latest"], () => new RegistryApi(ImageReference.Parse(image), "u", new Secret("staging-cleanup-pass"), registry));
        return registry.Requests;
    }

    [Fact]
    public async Task Deletes_each_staging_manifest_the_index_does_not_use()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Amd, ["staging-1-linux-arm64"] = Arm }, ["sha256:c1", "sha256:c2"]);
        var requests = await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Amd, "staging-1-linux-amd64"), new PlatformImage("linux/arm64", Arm, "staging-1-linux-arm64"));
        Assert.Equal(["HEAD latest", $"GET {Final}", "GET list", "HEAD staging-1-linux-amd64", $"DELETE {Amd}", "HEAD staging-1-linux-arm64", $"DELETE {Arm}"], requests);
    }

    [Fact]
    public async Task Never_deletes_a_manifest_the_published_index_lists()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Amd }, [Amd, "sha256:c2"]);
        var requests = await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Amd, "staging-1-linux-amd64"));
        Assert.DoesNotContain(requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Never_deletes_the_published_index_itself()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Final }, ["sha256:c1"]);
        var requests = await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Final, "staging-1-linux-amd64"));
        Assert.DoesNotContain(requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Never_deletes_a_manifest_another_runs_staging_tag_shares()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Amd, ["staging-2-linux-amd64"] = Amd }, []);
        var requests = await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Amd, "staging-1-linux-amd64"));
        Assert.Contains("HEAD staging-2-linux-amd64", requests);
        Assert.DoesNotContain(requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaves_a_staging_tag_that_now_points_elsewhere()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Arm }, []);
        var requests = await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Amd, "staging-1-linux-amd64"));
        Assert.DoesNotContain(requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_delete_is_a_warning_not_a_failure()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Amd }, [], HttpStatusCode.MethodNotAllowed);
        var requests = await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Amd, "staging-1-linux-amd64"));
        Assert.Contains($"DELETE {Amd}", requests);
    }

    [Fact]
    public async Task On_ghcr_io_nothing_is_asked_of_the_registry_api()
    {
        var registry = new FakeRegistry(new() { ["staging-1-linux-amd64"] = Amd }, []);
        var requests = await CleanAsync(registry, "ghcr.io/o/r/mlflow", new PlatformImage("linux/amd64", Amd, "staging-1-linux-amd64"));
        Assert.Empty(requests);
    }

    [Fact]
    public async Task Pushed_by_digest_there_is_nothing_to_clean()
    {
        var registry = new FakeRegistry(new(), []);
        Assert.Empty(await CleanAsync(registry, Image, new PlatformImage("linux/amd64", Amd)));
    }
}
