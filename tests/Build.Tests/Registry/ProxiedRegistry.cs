using Build.Tests.Docker;
using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;

namespace Build.Tests.Registry;

/// <summary>
/// A fault test's stage: its own htpasswd registry behind a <see cref="FaultyRegistryProxy"/>, a sandbox logged in
/// through the proxy, one unique repository there, and a publisher with fast retries.
/// </summary>
internal sealed class ProxiedRegistry : IDisposable
{
    ProxiedRegistry(string what)
    {
        Own = new OwnRegistry("own", "own-pass-" + Guid.NewGuid().ToString("N")[..6]);
        Proxy = new FaultyRegistryProxy(Own.Port);
        Sandbox = new DockerSandbox();
        Repository = DockerSandbox.UniqueRepository(what);
        Publisher = new ImagePublisher(Sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry));
    }

    public OwnRegistry Own { get; }
    public FaultyRegistryProxy Proxy { get; }
    public DockerSandbox Sandbox { get; }
    public string Repository { get; }
    public string Image => $"{Proxy.Address}/{Repository}";
    public ImagePublisher Publisher { get; }
    public Func<RegistryApi> Api => () => new RegistryApi(ImageReference.Parse(Image), Own.User, new Secret(Own.Password));

    public static async Task<ProxiedRegistry> StartAsync(string what)
    {
        var stage = new ProxiedRegistry(what);
        await stage.Sandbox.LoginToBaseAsync();
        await stage.Sandbox.LoginAsync(stage.Proxy.Address, stage.Own.User, stage.Own.Password);
        return stage;
    }

    /// <summary>Pushes the request's platforms and merges them; the index digest.</summary>
    public async Task<string> PublishAsync(ImageBuildRequest request, BuilderInfo builder) =>
        (await Publisher.MergeAsync(request, await Publisher.PushPlatformsAsync(request, builder), builder, Api))!.Digest;

    /// <summary>The tags the registry holds, read past the proxy.</summary>
    public Task<IReadOnlyList<string>> TagsAsync() => Own.Reader.TagsAsync(Repository);

    public async Task<string> DigestOfAsync(string tag) => (await Own.Reader.ManifestAsync(Repository, tag)).Digest;

    public void Dispose()
    {
        Sandbox.Dispose();
        Proxy.Dispose();
        Own.Dispose();
    }
}
