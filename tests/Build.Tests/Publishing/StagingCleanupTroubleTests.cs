using System.Net;
using System.Text;
using Publishing;
using Registry;

namespace Build.Tests.Publishing;

/// <summary>
/// Cleanup runs after the tags have moved: a registry that answers nonsense or too late leaves staging tags behind
/// with a warning, and the publish still succeeds (no exception reaches the target).
/// </summary>
public class StagingCleanupTroubleTests
{
    const string Image = "127.0.0.1:5000/o/mlflow";
    static readonly string Digest = "sha256:" + new string('a', 64);

    /// <summary>Answers every request with <paramref name="answer"/>.</summary>
    sealed class Registry(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    public static TheoryData<string, Func<HttpRequestMessage, HttpResponseMessage>> Troubles => new()
    {
        { "a tag list that is not JSON", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy error</html>", Encoding.UTF8) } },
        // What HttpClient throws when its timeout passes (the 35 s delay), without waiting 35 s in a test.
        { "no answer in time", _ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.", new TimeoutException()) },
        { "a tag list of numbers", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"tags\":[1,2]}", Encoding.UTF8) } },
    };

    [Theory]
    [MemberData(nameof(Troubles))]
    public async Task Trouble_after_the_promotion_is_a_warning(string what, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var output = new StringWriter();
        // This test's own log (the sink is per async flow), so tests running alongside do not mix in.
        var previous = Log.Sink;
        Log.Sink = new LogSink(output, LogLevel.Debug, gitHubActions: false, colours: false);
        try
        {
            await new StagingCleanup(dryRun: false).RemoveAsync(Image, [new PlatformImage("linux/amd64", Digest, "staging-1-linux-amd64")], [],
                () => new RegistryApi(ImageReference.Parse(Image), "u", new Secret("staging-cleanup-pass"), new Registry(answer)));
        }
        finally
        {
            Log.Sink = previous;
        }
        Assert.Contains("[WRN] Staging tags staging-1-linux-amd64 of 127.0.0.1:5000/o/mlflow were left", output.ToString());
        Assert.True(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, what + ": " + output);
    }
}
