using Build.Tests.Components;
using Build.Tests.Docker;
using Build.Tests.Git;
using Build.Tests.Support;
using Prune;
using Registry;
using Tooling;

namespace Build.Tests.Prune;

/// <summary>
/// Prune against a fake Packages/Pulls API backed by the real registry (deletion enabled there): two-platform
/// publishes with provenance and SBOM attestation manifests, cosign signatures, staging leftovers, orphans.
/// </summary>
public class PruneScenarioTests
{
    static readonly TimeSpan Old = TimeSpan.FromDays(10);

    [SkippableFact]
    public async Task Apply_deletes_what_the_rules_doom_and_every_kept_tag_still_pulls_and_verifies()
    {
        Need.Registry();
        Need.Cosign();
        using var sandbox = new DockerSandbox();
        File.WriteAllText(Path.Combine(sandbox.Context, "Dockerfile"), "ARG MLFLOW_IMAGE\nARG MLFLOW_VERSION\nFROM ${MLFLOW_IMAGE}:${MLFLOW_VERSION}\nCOPY fixture.txt /fixture.txt\n");
        await sandbox.LoginToBaseAsync();
        var owner = $"test-prune-{Guid.NewGuid().ToString("N")[..8]}";
        var image = $"{TestRegistry.Address}/{owner}/app/mlflow";
        RegistryApi Registry() => new(ImageReference.Parse(image), TestRegistry.User, TestRegistry.PasswordSecret);
        using var fake = new FakePackagesApi(owner, "app/mlflow", Registry());
        fake.PullRequests[3] = "open";
        fake.PullRequests[5] = "merged";

        async Task<string> Publish(string content, string[] tags, bool staging = false, TimeSpan age = default, string[]? extra = null)
        {
            sandbox.WriteFixture(content);
            string[] attestations = staging ? ["--platform", "linux/amd64", "--provenance=false"] : ["--platform", "linux/amd64,linux/arm64", "--provenance=mode=max", "--sbom=true"];
            // The shared registry is busy with other tests: a transient push failure is retried, as the build does.
            await new TransientRetry(DockerSandbox.FastRetry).RunAsync($"push {tags[0]}", () => ToolRunner.RunAsync(new ToolCommand("docker", ["buildx", "build", .. attestations,
                "--build-arg", $"MLFLOW_IMAGE={TestRegistry.StandInImage}", "--build-arg", $"MLFLOW_VERSION={TestRegistry.StandInVersion}",
                .. tags.SelectMany(t => new[] { "-t", $"{image}:{t}" }), .. extra ?? [], "--push", sandbox.Context]) { Environment = sandbox.Docker.Environment }, echoOutput: false));
            await fake.DiscoverAsync(age);
            using var registry = Registry();
            return (await registry.ResolveAsync(tags[0]))!;
        }

        var oldMain = await Publish("old main", ["main"], age: Old);               // orphaned below, old: goes with its children
        // pr-5 is merged, main keeps the version; the registry build cache (an index of layers, as our local pushes make it) stays.
        var main = await Publish("main", ["main", "pr-5"], extra: ["--cache-to", $"type=registry,ref={image}:buildcache-linux-amd64,mode=max"]);
        var youngOrphan = await Publish("first pr-3 run", ["pr-3"]);              // orphaned below, young: stays
        var pr3 = await Publish("pr-3", ["pr-3"]);
        var pr5Old = await Publish("older pr-5 run", ["pr-5-abc1234"], age: Old);  // goes with its children
        var staleStaging = await Publish("failed run", ["staging-1-linux-amd64"], staging: true, age: TimeSpan.FromDays(2));
        var freshStaging = await Publish("running run", ["staging-2-linux-amd64"], staging: true);
        var popular = await Publish("popular", ["staging-3-linux-amd64"], staging: true, age: TimeSpan.FromDays(2));
        fake.Popular.Add(popular);

        var keys = Directory.CreateTempSubdirectory("prune-cosign-").FullName;
        try
        {
            var cosignEnvironment = new Dictionary<string, string?>(sandbox.Docker.Environment) { ["COSIGN_PASSWORD"] = "test-only" };
            async Task Cosign(params string[] args) =>
                await new TransientRetry(DockerSandbox.FastRetry).RunAsync($"cosign {args[0]}", () =>
                    ToolRunner.RunAsync(new ToolCommand("cosign", args) { WorkingDirectory = keys, Environment = cosignEnvironment }, echoOutput: false));
            await Cosign("generate-key-pair");
            foreach (var digest in new[] { main, pr3, pr5Old })
                await Cosign("sign", "--yes", "--key", "cosign.key", "--tlog-upload=false", "--allow-insecure-registry", $"{image}@{digest}");
            await fake.DiscoverAsync();
            fake.SetAge(fake.SignatureOf(pr5Old), Old);

            // The checked point: ./build.sh Prune without --apply deletes nothing.
            using var repository = TemporaryGitRepository.Create();
            repository.Git("remote", "add", "origin", $"https://github.com/{owner}/app.git");
            var environment = new Dictionary<string, string> { ["GITHUB_API_URL"] = fake.Url, ["GITHUB_TOKEN"] = "fake-token", ["REGISTRY_PASSWORD"] = TestRegistry.Password };
            string[] prune = ["Prune", "--image-name", $"{owner}/app/mlflow", "--registry", TestRegistry.Address, "--registry-username", TestRegistry.User];
            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, prune);
            Assert.True(exitCode == 0, output);
            Assert.Contains("Dry run: nothing deleted", output);
            Assert.Contains("VERSION", output);
            Assert.Empty(fake.Deleted);

            // A preview from the registry alone: no token, no API, nothing deleted.
            var registryOnly = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = TestRegistry.Password };
            var (previewExit, preview) = await BuildProcess.RunAsync(repository.Path, registryOnly, [.. prune, "--registry-only"]);
            Assert.True(previewExit == 0, preview);
            Assert.Contains("Registry-only plan: nothing deleted", preview);
            Assert.Contains("buildcache-linux-amd64: build cache", preview);
            Assert.Empty(fake.Deleted);

            var expectedGone = new List<string> { oldMain, pr5Old, staleStaging, fake.SignatureOf(pr5Old) };
            using (var registry = Registry())
                foreach (var index in new[] { oldMain, pr5Old }) expectedGone.AddRange((await registry.ManifestAsync(index))!.ChildDigests);
            Assert.Equal(12, expectedGone.Distinct().Count()); // two indexes with 2 platforms + 2 attestation manifests each, a staging manifest, a signature
            var run = new PruneRun(new PackagesApi(fake.Url, new Secret("fake-token"), new ApiRetry()), new RegistryGraph(Registry));
            var (tooManyExit, tooMany) = await BuildProcess.RunAsync(repository.Path, environment, [.. prune, "--apply", "--max-deletions", "5"]);
            Assert.NotEqual(0, tooManyExit);
            Assert.Contains("The plan deletes 13 versions, more than --max-deletions 5: nothing deleted", tooMany);
            Assert.DoesNotContain("   at ", tooMany); // one clear line, no stack trace
            Assert.Empty(fake.Deleted);

            fake.ThrottleNextLists = 1; // one 429 with Retry-After: 1, then the listing succeeds
            fake.PageCap = 10;          // 31 versions: four pages, followed through the Link headers
            var result = await run.RunAsync(new PruneRequest(owner, "app/mlflow", fake.Repository, new PruneOptions(), Apply: true, MaxDeletions: 200));

            using (var registry = Registry())
            {
                Assert.Equal(expectedGone.Select(fake.IdOfAny).Order(), result.Deleted.Order());
                Assert.Equal([fake.IdOf(popular)], result.Refused.Keys);
                Assert.Contains("5000 downloads", result.Refused[fake.IdOf(popular)]);
                Assert.Contains(result.Plan, row => row.Conflict && row.Version.Digest == main);
                foreach (var kept in new[] { main, pr3, youngOrphan, freshStaging }) Assert.NotNull(await registry.ManifestAsync(kept));
                Assert.Equal(main, await registry.ResolveAsync("pr-5"));
                Assert.Equal(pr3, await registry.ResolveAsync("pr-3"));
                Assert.NotNull(await registry.ResolveAsync("buildcache-linux-amd64"));
            }
            Assert.Contains(result.Plan, row => row.Version.Tags.Contains("buildcache-linux-amd64") && row.Decision == PlanDecision.Keep);
            Assert.Contains(fake.Requests, r => r.Contains("app%2Fmlflow/versions") && r.Contains("page=4"));

            // Every kept tag pulls on both platforms, and the kept digests' signatures still verify.
            foreach (var tag in new[] { "main", "pr-3" })
            {
                foreach (var platform in new[] { "linux/amd64", "linux/arm64" })
                    await ToolRunner.RunCheckedAsync(new ToolCommand("docker", ["pull", "-q", "--platform", platform, $"{image}:{tag}"]) { Environment = sandbox.Docker.Environment }, echoOutput: false);
                await ToolRunner.RunCheckedAsync(new ToolCommand("docker", ["image", "rm", $"{image}:{tag}"]) { Environment = sandbox.Docker.Environment }, echoOutput: false);
            }
            foreach (var digest in new[] { main, pr3 })
                await Cosign("verify", "--key", "cosign.pub", "--insecure-ignore-tlog", "--allow-insecure-registry", $"{image}@{digest}");

            // A second run plans nothing new: only the version GitHub refused.
            var again = await run.RunAsync(new PruneRequest(owner, "app/mlflow", fake.Repository, new PruneOptions(), Apply: false, MaxDeletions: 200));
            Assert.Equal([fake.IdOf(popular)], again.Plan.Where(r => r.Decision == PlanDecision.Delete).Select(r => r.Version.Id));

            // Version pins (X.Y.Z-sha7) next to branch commit tags: --keep-branches 1 thins main's commits, keeps every pin.
            async Task<string> Retag(string note, TimeSpan age, params string[] tags)
            {
                await ToolRunner.RunCheckedAsync(new ToolCommand("docker", ["buildx", "imagetools", "create", "--annotation", $"index:org.opencontainers.image.description={note}",
                    .. tags.SelectMany(t => new[] { "-t", $"{image}:{t}" }), $"{image}@{main}"]) { Environment = sandbox.Docker.Environment }, echoOutput: false);
                await fake.DiscoverAsync(age);
                using var registry = Registry();
                return (await registry.ResolveAsync(tags[0]))!;
            }
            var pinned = await Retag("pinned", TimeSpan.FromDays(5), "3.1.0-aaaaaaa", "main-aaaaaaa");
            var surplus = await Retag("surplus", TimeSpan.FromDays(3), "main-bbbbbbb");
            var newest = await Retag("newest", TimeSpan.Zero, "3.1.1-ccccccc", "main-ccccccc");
            var oldPin = await Retag("old pin", TimeSpan.FromDays(20), "3.0.0-ddddddd");
            var (keepExit, keepOutput) = await BuildProcess.RunAsync(repository.Path, environment, [.. prune, "--apply", "--keep-branches", "1"]);
            Assert.True(keepExit == 0, keepOutput);
            Assert.Contains(fake.IdOfAny(surplus), fake.Deleted);
            using (var registry = Registry())
            {
                foreach (var (tag, digest) in new[] { ("3.1.0-aaaaaaa", pinned), ("main-aaaaaaa", pinned), ("3.1.1-ccccccc", newest), ("main-ccccccc", newest), ("3.0.0-ddddddd", oldPin) })
                    Assert.Equal(digest, await registry.ResolveAsync(tag));
                Assert.Null(await registry.ResolveAsync("main-bbbbbbb"));
            }

            // An API that leaves a tag out (its version would look untagged, and old): nothing deleted.
            fake.HiddenTags.Add("3.0.0-ddddddd");
            var deletedBefore = fake.Deleted.Count;
            var incomplete = await Assert.ThrowsAsync<BuildError>(() => run.RunAsync(new PruneRequest(owner, "app/mlflow", fake.Repository, new PruneOptions(), Apply: true, MaxDeletions: 200)));
            Assert.Contains("tags on no version GitHub's API listed (3.0.0-ddddddd)", incomplete.Message);
            Assert.Equal(deletedBefore, fake.Deleted.Count);
            fake.HiddenTags.Clear();

            // Should the API ever take more than asked (here: deleting the popular version also takes main's first
            // platform manifest), the read-back fails loudly and names the restore call of every deleted version.
            fake.Popular.Clear();
            using (var registry = Registry()) fake.AlsoDeletes[popular] = (await registry.ManifestAsync(main))!.ChildDigests[0];
            var broken = await Assert.ThrowsAsync<BuildError>(() => run.RunAsync(new PruneRequest(owner, "app/mlflow", fake.Repository, new PruneOptions(), Apply: true, MaxDeletions: 200)));
            Assert.Contains("problems reading kept tags back: restore with the calls above", broken.Message);
        }
        finally { Directory.Delete(keys, true); }
    }
}
