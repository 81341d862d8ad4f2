using Build.Tests.Docker;
using Build.Tests.GitHub;
using Build.Tests.Registry;
using Build.Tests.Signing;
using Build.Tests.Support;
using Signing;
using Tooling;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>Publish with --cosign-key and Verify as a user runs them: the compiled build against the registry, real cosign.</summary>
public class SigningProcessTests
{
    static Dictionary<string, string> Environment(DockerSandbox sandbox, string? cosignPassword) => new()
    {
        ["DOCKER_CONFIG"] = sandbox.ConfigDirectory, ["REGISTRY_PASSWORD"] = TestRegistry.Password,
        ["COSIGN_PASSWORD"] = cosignPassword ?? "",
    };

    static string[] PublishArgs(string repositoryName, string key, string platforms) =>
        ["Publish", "--push", "--registry", TestRegistry.Address, "--image-name", repositoryName, "--registry-username", TestRegistry.User,
         "--platforms", platforms, "--cosign-key", key, .. StandIn];

    [SkippableFact]
    public async Task Publish_with_a_key_signs_the_index_and_each_platform_before_the_tags_move_and_Verify_passes_and_fails_with_another_key()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var keys = await CosignKeys.GenerateAsync();
        using var other = await CosignKeys.GenerateAsync("other");
        var repositoryName = DockerSandbox.UniqueRepository("signproc");

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, keys.Password),
            PublishArgs(repositoryName, keys.PrivateKey, "linux/amd64,linux/arm64"));
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(keys.Password, output);
        Assert.Contains("signed with the key given by --cosign-key.", output);
        // Signed and verified before the tags moved.
        var signedAt = output.IndexOf("> cosign sign", StringComparison.Ordinal);
        var movedAt = output.IndexOf($"Published {TestRegistry.Address}/{repositoryName}@", StringComparison.Ordinal);
        Assert.True(signedAt > 0 && movedAt > signedAt && output.IndexOf("no tag has moved yet", StringComparison.Ordinal) < signedAt, output);

        var image = $"{TestRegistry.Address}/{repositoryName}";
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        var (digest, index) = await reader.ManifestAsync(repositoryName, "main");
        var children = index["manifests"]!.AsArray().Where(m => m!["platform"]!["os"]!.GetValue<string>() == "linux").Select(m => m!["digest"]!.GetValue<string>()).ToList();
        Assert.Equal(2, children.Count);
        foreach (var reference in new[] { digest }.Concat(children))
        {
            var verify = await sandbox.Docker.RunAsync(CosignCommands.Verify(new CosignOptions { AllowInsecureRegistry = true },
                new SignerIdentity.PublicKey(keys.PublicKey), $"{image}@{reference}"), echoOutput: false);
            Assert.True(verify.Succeeded, verify.StandardError);
        }

        // The summary's line runs as printed after the run: the user's key (not the run's copy), the build's login
        // given as parameters (REGISTRY_PASSWORD, no docker login anywhere: the run's own login is gone).
        // The summary ends the output (after the outcome line), its commands as lines of their own.
        var printed = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("./build.sh Verify ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("./build.sh", StringComparison.Ordinal))..]).Distinct().Single();
        Assert.Contains($"--cosign-public-key {keys.PublicKey}", printed);
        Assert.Contains($"--registry {TestRegistry.Address} --registry-username {TestRegistry.User}", printed);
        var summaryCosign = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("cosign verify ", StringComparison.Ordinal) || l.Contains("] cosign verify ", StringComparison.Ordinal)).Distinct().Single();
        Assert.Contains($"--key {keys.PublicKey} --insecure-ignore-tlog", summaryCosign);
        var noLogin = Directory.CreateTempSubdirectory("no-docker-login-").FullName;
        var (asPrinted, printedOutput) = await BuildProcess.RunAsync(repository.Path,
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = noLogin, ["REGISTRY_PASSWORD"] = TestRegistry.Password }, [.. printed.Split(' ').Skip(1)]);
        Assert.True(asPrinted == 0, printedOutput);
        Assert.Contains("verified.", printedOutput);
        Assert.DoesNotContain(TestRegistry.Password, printedOutput);
        Assert.False(File.Exists(Path.Combine(noLogin, "config.json")));
        // Without the parameters and without a docker login, cosign is refused by the registry: the login is what made it pass.
        var (refused, _) = await BuildProcess.RunAsync(repository.Path, new Dictionary<string, string> { ["DOCKER_CONFIG"] = noLogin },
            ["Verify", "--image", $"{image}:main", "--cosign-public-key", keys.PublicKey]);
        Assert.NotEqual(0, refused);

        // Only the private key: Verify checks against its public half.
        var (withPrivate, privateOutput) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, keys.Password), ["Verify", "--image", $"{image}:main", "--cosign-key", keys.PrivateKey]);
        Assert.True(withPrivate == 0, privateOutput);
        Assert.DoesNotContain(keys.Password, privateOutput);

        var (passed, table) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, null), ["Verify", "--image", $"{image}:main", "--cosign-public-key", keys.PublicKey]);
        Assert.True(passed == 0, table);
        Assert.Contains("linux/arm64", table);
        var (failed, lines) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, null), ["Verify", "--image", $"{image}:main", "--cosign-public-key", other.PublicKey]);
        Assert.NotEqual(0, failed);
        Assert.Contains($"index {digest}: signature: signed by another key, expected the key {other.PublicKey}", lines);
        Assert.Contains($"Checked against the public key {other.PublicKey}", lines);
        Assert.Contains($"did not verify: 4 failure(s) above.", lines);
        Assert.DoesNotContain("   at ", lines);
    }

    [SkippableFact]
    public async Task An_unchanged_republish_with_a_new_key_signs_the_held_image_anew_and_a_third_run_pushes_nothing()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var keyA = await CosignKeys.GenerateAsync("key-a");
        using var keyB = await CosignKeys.GenerateAsync("key-b");
        var repositoryName = DockerSandbox.UniqueRepository("rotate");
        var image = $"{TestRegistry.Address}/{repositoryName}";
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);

        var (first, firstOutput) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, keyA.Password), PublishArgs(repositoryName, keyA.PrivateKey, "linux/amd64"));
        Assert.True(first == 0, firstOutput);
        var held = (await reader.ManifestAsync(repositoryName, "main")).Digest;

        var (second, secondOutput) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, keyB.Password), PublishArgs(repositoryName, keyB.PrivateKey, "linux/amd64"));
        Assert.True(second == 0, secondOutput);
        // Same commit, same base: nothing is built; the held index is signed with the new key.
        Assert.Contains("already carries inputs", secondOutput);
        Assert.DoesNotContain("buildx build", secondOutput);
        Assert.Contains("Signed: unchanged, signed with the new key.", secondOutput);
        Assert.Equal(held, (await reader.ManifestAsync(repositoryName, "main")).Digest);
        var (withB, verifyB) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, null), ["Verify", "--image", $"{image}:main", "--cosign-public-key", keyB.PublicKey]);
        Assert.True(withB == 0, verifyB);
        // The previous key's signatures stay: who pins key A still verifies.
        var (withA, verifyA) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, null), ["Verify", "--image", $"{image}:main", "--cosign-public-key", keyA.PublicKey]);
        Assert.True(withA == 0, verifyA);

        var before = await TagDigestsAsync(reader, repositoryName);
        var (third, thirdOutput) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, keyB.Password), PublishArgs(repositoryName, keyB.PrivateKey, "linux/amd64"));
        Assert.True(third == 0, thirdOutput);
        Assert.Contains("Signed: unchanged, signatures current.", thirdOutput);
        Assert.DoesNotContain("> cosign sign", thirdOutput);
        Assert.Equal(before, await TagDigestsAsync(reader, repositoryName));
    }

    /// <summary>Every tag and what it holds, but the registry cache (each build exports it; it is no publication).</summary>
    static async Task<Dictionary<string, string>> TagDigestsAsync(RegistryReader reader, string repository)
    {
        var tags = new Dictionary<string, string>();
        foreach (var tag in (await reader.TagsAsync(repository)).Where(t => !t.StartsWith("buildcache", StringComparison.Ordinal)))
            tags[tag] = (await reader.ManifestAsync(repository, tag)).Digest;
        return tags;
    }

    [SkippableTheory]
    [InlineData(null, "https://github.com/Owner/Repo/.github/workflows/mlflow-image-publish.yml@refs/heads/main")]
    [InlineData("Owner/Repo/.github/workflows/other.yml@refs/tags/v1", "https://github.com/Owner/Repo/.github/workflows/other.yml@refs/tags/v1")]
    public async Task Verify_without_a_key_names_the_keyless_identity_and_issuer_and_says_Sigstore_is_out_of_reach_in_one_line(string? workflowRef, string identity)
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        repository.Git("remote", "add", "origin", "https://github.com/Owner/Repo.git");
        using var api = new FakeGitHubApi();
        var environment = workflowRef is null ? new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory }
            : new Dictionary<string, string>(Actions(repository, sandbox, api, "push", "refs/heads/main", new()))
                { ["GITHUB_WORKFLOW_REF"] = workflowRef };

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Verify", "--image", $"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"against the keyless identity {identity} (issuer https://token.actions.githubusercontent.com)", output);
        // This machine reaches no Sigstore service: said once, with the offline options, not as a failure per row.
        Assert.Contains("check(s) not made: Sigstore could not be reached", output);
        Assert.Contains("--insecure-ignore-tlog", output);
        Assert.DoesNotContain("13.root.json", output);
        Assert.DoesNotContain("   at ", output);
    }

    [SkippableTheory]
    [InlineData("wrong-password")]
    [InlineData(null)]
    public async Task A_missing_or_wrong_key_password_fails_before_any_build(string? password)
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var keys = await CosignKeys.GenerateAsync();

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, password),
            PublishArgs(DockerSandbox.UniqueRepository("badpass"), keys.PrivateKey, "linux/amd64"));
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"cosign cannot open the key {keys.PrivateKey}", output);
        Assert.DoesNotContain("buildx build", output);
        Assert.DoesNotContain("docker login", output);
        if (password is not null) Assert.DoesNotContain(password, output);
    }
}
