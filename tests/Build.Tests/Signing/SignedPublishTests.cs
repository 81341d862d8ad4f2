using Build.Tests.Docker;
using Build.Tests.Registry;
using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;
using Signing;
using Tooling;

namespace Build.Tests.Signing;

/// <summary>Two platforms pushed once to a fresh repository; the tests of this class index, sign and verify them.</summary>
public sealed class SignedPlatformsFixture : IAsyncLifetime
{
    internal DockerSandbox Sandbox { get; } = new();
    public string Image { get; } = $"{TestRegistry.Address}/{DockerSandbox.UniqueRepository("sign")}";
    internal IReadOnlyList<PlatformImage> Platforms { get; private set; } = [];
    internal BuilderInfo? Builder { get; private set; }
    public CosignKeys Keys { get; private set; } = null!;
    public CosignKeys OtherKeys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!TestRegistry.Answers()) return;
        await Sandbox.LoginToBaseAsync();
        Keys = await CosignKeys.GenerateAsync();
        OtherKeys = await CosignKeys.GenerateAsync("other-pass");
        var request = Sandbox.Request(Image, ["1.0"], push: true);
        Builder = await BuilderProbe.ProbeAsync(Sandbox.Docker, null, request.Platforms, onGitHubActions: false);
        var pushed = await new ImagePublisher(Sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry)).PushPlatformsAsync(request, Builder);
        // Each test makes its own index from these: keep their staging tags (the docker driver's), which Merge would delete.
        Platforms = pushed.Select(p => p with { StagingTag = null }).ToList();
    }

    public Task DisposeAsync()
    {
        Keys?.Dispose();
        OtherKeys?.Dispose();
        Sandbox.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Signing before promotion with real cosign 2.5 against the local registry (htpasswd auth, plain HTTP).</summary>
public class SignedPublishTests(SignedPlatformsFixture fixture) : IClassFixture<SignedPlatformsFixture>
{
    DockerSandbox Sandbox => fixture.Sandbox;
    RegistryApi Api(ImageReference repository) => new(repository, TestRegistry.User, TestRegistry.PasswordSecret);
    Task<ToolResult> Run(ToolCommand command) => Sandbox.Docker.RunAsync(command, echoOutput: false);
    CosignOptions Options => new() { Key = fixture.Keys.PrivateKey, Password = new Secret(fixture.Keys.Password), AllowInsecureRegistry = true };
    SignerIdentity PublicKey => new SignerIdentity.PublicKey(fixture.Keys.PublicKey);

    static ProvenanceFacts Facts(IReadOnlyList<PlatformProvenance> platforms) => new()
    {
        SourceRepository = "https://github.com/Owner/Repo", Commit = new string('a', 40), Ref = "refs/heads/main",
        Invocation = "host:test", BuilderId = "host:test", BuildArgs = ["MLFLOW_VERSION=v3.1.1"], Platforms = platforms,
    };

    async Task<PublishedIndex> PublishAsync(string tag, Func<PublishedIndex, Task>? beforePromotion)
    {
        // Each publish its own index annotation, so each has its own digest (an identical index would share signatures).
        var request = Sandbox.Request(fixture.Image, [tag], push: true) is var plain
            ? plain with { Annotations = [.. plain.Annotations, $"index:org.example.publish={tag}"] } : null!;
        var published = await new ImagePublisher(Sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry))
            .MergeAsync(request, fixture.Platforms, fixture.Builder, () => Api(ImageReference.Parse(fixture.Image)),
                beforePromotion is null ? null : async (staged, _) => { await beforePromotion(PublishedIndex.FromManifest(staged.Manifest)); return null; });
        return published!;
    }

    Func<PublishedIndex, Task> Signing(string predicate) => index =>
        new ImageSigner(Run, Api).SignAndVerifyAsync(fixture.Image, index.Digest, fixture.Platforms, Options, PublicKey, Facts, predicate);

    Task<VerificationReport> VerifyAsync(string reference, SignerIdentity signer) =>
        new ImageVerifier(Run, Api).VerifyAsync(reference, Options with { Key = null }, signer);

    async Task<ToolResult> CosignVerifyAsync(string reference) =>
        await Run(CosignCommands.Verify(new CosignOptions { AllowInsecureRegistry = true }, PublicKey, reference));

    [SkippableFact]
    public async Task A_signed_two_platform_publish_verifies_with_cosign_on_the_index_and_each_child_and_Verify_catches_what_is_wrong()
    {
        Need.Registry();
        var predicate = Path.Combine(Sandbox.WorkDirectory, "provenance.json");
        var index = await PublishAsync("signed", Signing(predicate));

        // cosign itself, by digest, on the index and every platform; the final tag points at the signed digest.
        foreach (var digest in new[] { index.Digest }.Concat(index.Platforms.Select(p => p.Digest)))
            Assert.True((await CosignVerifyAsync($"{fixture.Image}@{digest}")).Succeeded, digest);
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        var repository = ImageReference.Parse(fixture.Image).Repository;
        Assert.Equal(index.Digest, (await reader.ManifestAsync(repository, "signed")).Digest);
        Assert.DoesNotContain(await reader.TagsAsync(repository), t => t.EndsWith("-index", StringComparison.Ordinal));
        // The index and the two platforms carry signatures, the attestation manifests do not.
        var tags = await reader.TagsAsync(repository);
        static string SignatureTag(string digest) => digest.Replace("sha256:", "sha256-") + ".sig";
        Assert.All(new[] { index.Digest }.Concat(index.Platforms.Select(p => p.Digest)), d => Assert.Contains(SignatureTag(d), tags));
        var attestationManifests = (await reader.ManifestAsync(repository, index.Digest)).Manifest["manifests"]!.AsArray()
            .Where(m => m!["platform"]?["os"]?.GetValue<string>() == "unknown").Select(m => m!["digest"]!.GetValue<string>()).ToList();
        Assert.Equal(2, attestationManifests.Count);
        Assert.All(attestationManifests, d => Assert.DoesNotContain(SignatureTag(d), tags));
        // The predicate names the base image BuildKit resolved, per platform.
        var text = await File.ReadAllTextAsync(predicate);
        Assert.Contains("pkg:docker/127.0.0.1%3A5000/stand-in/mlflow@v3.1.1?platform=linux%2Farm64", text);
        Assert.DoesNotContain("syft", text);

        var passed = await VerifyAsync($"{fixture.Image}:signed", PublicKey);
        Assert.True(passed.Passed, string.Join("\n", passed.Failures));
        Assert.Equal(["index", "linux/amd64", "linux/arm64"], passed.Rows.Select(r => r.Platform));

        var otherKey = await VerifyAsync($"{fixture.Image}:signed", new SignerIdentity.PublicKey(fixture.OtherKeys.PublicKey));
        Assert.Equal(4, otherKey.Failures.Count); // three signatures and the index attestation
        Assert.All(otherKey.Failures, line => Assert.DoesNotContain('\n', line));

        var unsigned = await PublishAsync("unsigned", null);
        var report = await VerifyAsync($"{fixture.Image}:unsigned", PublicKey);
        Assert.Contains(report.Failures, line => line.StartsWith($"index {unsigned.Digest}: signature: no signatures found", StringComparison.Ordinal));

        // A child's signature deleted: exactly that child fails.
        using (var api = Api(ImageReference.Parse(fixture.Image)))
        {
            var child = index.Platforms[1].Digest;
            var signature = await api.ResolveAsync(child.Replace("sha256:", "sha256-") + ".sig");
            await api.DeleteAsync(signature!);
            var deleted = await VerifyAsync($"{fixture.Image}:signed", PublicKey);
            Assert.Equal([$"{index.Platforms[1].Platform} {child}: signature: no signatures found"], deleted.Failures);
        }
    }

    [SkippableFact]
    public async Task A_manifest_pushed_under_the_final_tag_after_signing_does_not_become_what_the_tag_holds()
    {
        // The index is pushed by digest (no staging tag to swap) and the tags move to exactly the signed digest:
        // something pushed under the final tag between signing and promotion is overwritten, never published as signed.
        Need.Registry();
        var sign = Signing(Path.Combine(Sandbox.WorkDirectory, "tamper.json"));
        string? signedDigest = null;
        var index = await PublishAsync("tampered", async staged =>
        {
            await sign(staged);
            signedDigest = staged.Digest;
            var copy = await Sandbox.Docker.RunAsync(new ImagetoolsCreateSettings([$"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}"])
                { Tags = [$"{fixture.Image}:tampered"] }.ToCommand());
            Assert.True(copy.Succeeded, copy.StandardError);
        });
        Assert.Equal(signedDigest, index.Digest);
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        Assert.Equal(signedDigest, (await reader.ManifestAsync(ImageReference.Parse(fixture.Image).Repository, "tampered")).Digest);
        Assert.True((await VerifyAsync($"{fixture.Image}:tampered", PublicKey)).Passed);
    }
}
