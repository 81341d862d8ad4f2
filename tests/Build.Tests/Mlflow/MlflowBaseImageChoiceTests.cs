using Mlflow;
using Registry;

namespace Build.Tests.Mlflow;

/// <summary>Offline, a local build falls back to the configured stand-in; a push, CI, or a given --mlflow-image never do.</summary>
public class MlflowBaseImageChoiceTests
{
    const string Real = "ghcr.io/mlflow/mlflow";
    const string StandIn = "127.0.0.1:5000/stand-in/mlflow";

    static Func<ImageReference, Task<bool>> Answering(params string[] registries) => image => Task.FromResult(registries.Contains(image.Registry));

    [Fact]
    public async Task The_real_base_when_its_registry_answers()
    {
        var choice = await MlflowBaseImageChoice.DecideAsync(Real, imageGiven: false, StandIn, localBuild: true, Answering("ghcr.io", "127.0.0.1:5000"));
        Assert.Equal(new MlflowBaseImageChoice.Choice(Real, null), choice);
    }

    [Fact]
    public async Task The_stand_in_with_one_line_when_only_it_answers()
    {
        var choice = await MlflowBaseImageChoice.DecideAsync(Real, imageGiven: false, StandIn, localBuild: true, Answering("127.0.0.1:5000"));
        Assert.Equal(StandIn, choice.Image);
        Assert.Equal("ghcr.io does not answer: building from the fallback base 127.0.0.1:5000/stand-in/mlflow (MlflowImageFallback; --mlflow-image chooses another)", choice.Note);
    }

    [Theory]
    [InlineData(true, true, StandIn)]   // --mlflow-image given
    [InlineData(false, false, StandIn)] // a push or a CI build
    [InlineData(false, true, "")]       // no fallback configured
    public async Task Never_a_fallback_and_no_probe_when(bool imageGiven, bool localBuild, string fallback)
    {
        var choice = await MlflowBaseImageChoice.DecideAsync(Real, imageGiven, fallback, localBuild, _ => throw new InvalidOperationException("probed"));
        Assert.Equal(new MlflowBaseImageChoice.Choice(Real, null), choice);
    }

    [Fact]
    public async Task Neither_answering_is_one_line_naming_both_and_the_stack()
    {
        var error = await Assert.ThrowsAsync<BuildError>(() => MlflowBaseImageChoice.DecideAsync(Real, false, StandIn, true, Answering()));
        Assert.Equal("Neither ghcr.io (the base ghcr.io/mlflow/mlflow) nor 127.0.0.1:5000 (the fallback 127.0.0.1:5000/stand-in/mlflow) answers: "
            + "run bash .ci/stack for the offline stand-in, or pass --mlflow-image.", error.Message);
    }

    [Fact]
    public async Task A_registry_that_does_not_resolve_does_not_answer_and_one_that_listens_does()
    {
        Assert.False(await MlflowBaseImageChoice.RegistryAnswersAsync(ImageReference.Parse("no-such-host.invalid/x/y")));
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var serve = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                _ = await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false); // the request's first bytes are enough
                await stream.WriteAsync("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            });
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            Assert.True(await MlflowBaseImageChoice.RegistryAnswersAsync(ImageReference.Parse($"127.0.0.1:{port}/stand-in/mlflow")));
            await serve.WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally { listener.Stop(); }
    }
}
