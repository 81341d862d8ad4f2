using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Dockerfile;

/// <summary>Builds dockerfile.mlflow on the stand-in base (both platforms), whose pip records what it is asked.</summary>
public sealed class DockerfileMlflowTests(DockerfileMlflowTests.Builds builds)
    : IClassFixture<DockerfileMlflowTests.Builds>
{
    const string Boto3 = "1.34.162", Psycopg2 = "2.9.10", RevisionLabel = "org.opencontainers.image.revision";
    static readonly Dictionary<string, string> Machines = new() { ["linux/amd64"] = "x86_64", ["linux/arm64"] = "aarch64" };

    /// <summary>The two builds the tests read, made once per class and only after the registry check.</summary>
    public sealed class Builds : IDisposable
    {
        readonly Lazy<Task<StandInDocker>> docker = new(StandInDocker.LoginAsync);
        readonly Lazy<Task<IReadOnlyList<OciPlatformImage>>> pinned, unpinned;

        public Builds()
        {
            pinned = new(async () => await (await Docker).BuildOciAsync("pinned",
                new Dictionary<string, string> { ["BOTO3_VERSION"] = Boto3, ["PSYCOPG2_VERSION"] = Psycopg2 },
                "--label", RevisionLabel + "=0123abc"));
            unpinned = new(async () => await (await Docker).BuildOciAsync("unpinned", new Dictionary<string, string>()));
        }

        internal Task<StandInDocker> Docker => docker.Value;
        public Task<IReadOnlyList<OciPlatformImage>> Pinned => pinned.Value;
        public Task<IReadOnlyList<OciPlatformImage>> Unpinned => unpinned.Value;

        public void Dispose()
        {
            if (docker.IsValueCreated && docker.Value.IsCompletedSuccessfully) docker.Value.Result.Dispose();
        }
    }

    [SkippableFact]
    public async Task Given_pins_reach_pip_on_both_platforms()
    {
        Need.Registry();
        var images = await builds.Pinned;
        Assert.Equal(Machines.Keys.Order(), images.Select(i => i.Platform).Order());
        foreach (var image in images)
            Assert.Equal(
                $"pip install --no-cache-dir -r /tmp/requirements.txt [{Machines[image.Platform]}]\n--- /tmp/requirements.txt\n" +
                $"boto3=={Boto3}\npsycopg2-binary=={Psycopg2}\n--- end\n",
                image.ReadText("var/log/stand-in/pip.log"));
    }

    [SkippableFact]
    public async Task Without_pins_pip_gets_the_bare_package_names_on_both_platforms()
    {
        Need.Registry();
        var images = await builds.Unpinned;
        Assert.Equal(2, images.Count);
        foreach (var image in images)
            Assert.Equal(
                $"pip install --no-cache-dir -r /tmp/requirements.txt [{Machines[image.Platform]}]\n--- /tmp/requirements.txt\n" +
                "boto3\npsycopg2-binary\n--- end\n",
                image.ReadText("var/log/stand-in/pip.log"));
    }

    [SkippableFact]
    public async Task Config_has_the_env_workdir_port_labels_and_user_and_keeps_the_base_command()
    {
        Need.Registry();
        var docker = await builds.Docker;
        foreach (var image in await builds.Pinned)
        {
            var config = image.Config.GetProperty("config");
            var baseConfig = await docker.BaseConfigAsync(image.Platform);
            var env = Strings(config, "Env");
            Assert.Superset(new HashSet<string>(Strings(baseConfig, "Env")), new HashSet<string>(env));   // PATH and PYTHONPATH kept
            Assert.Superset(new HashSet<string> { "PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "PIP_DISABLE_PIP_VERSION_CHECK=1", "PIP_NO_CACHE_DIR=1", "MLFLOW_HOST=0.0.0.0" },
                new HashSet<string>(env));
            Assert.DoesNotContain(env, e => e.StartsWith("BOTO3_VERSION") || e.StartsWith("PSYCOPG2_VERSION"));   // build args, not runtime env
            Assert.Equal("/app", config.GetProperty("WorkingDir").GetString());
            Assert.Equal(["5000/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
            Assert.Equal("10001:0", config.GetProperty("User").GetString());
            Assert.Equal(Strings(baseConfig, "Cmd"), Strings(config, "Cmd"));
            Assert.Equal(Strings(baseConfig, "Entrypoint"), Strings(config, "Entrypoint"));
            var labels = config.GetProperty("Labels");
            Assert.Equal("0123abc", labels.GetProperty(RevisionLabel).GetString());
            Assert.Equal($"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}", labels.GetProperty("org.opencontainers.image.base.name").GetString());
            Assert.StartsWith("MLflow tracking server", labels.GetProperty("org.opencontainers.image.description").GetString());
        }
    }

    [SkippableFact]
    public async Task No_path_in_the_image_contains_a_literal_star()
    {
        Need.Registry();
        foreach (var image in (await builds.Pinned).Concat(await builds.Unpinned))
        {
            var paths = image.Paths().ToList();
            Assert.Contains(paths, p => p.Contains("site-packages/mlflow/"));   // the base's packages are read too
            Assert.DoesNotContain(paths, p => p.Contains('*'));
        }
    }

    [SkippableFact]
    public async Task One_layer_with_content_over_the_base_and_no_requirements_file_left_behind()
    {
        Need.Registry();
        foreach (var image in await builds.Pinned)
        {
            var added = image.LayerFiles.Skip(2).ToList();   // the stand-in base has two layers
            Assert.NotEmpty(OciPlatformImage.PathsOf(added[0]));   // the RUN
            Assert.All(added.Skip(1), layer => Assert.Empty(OciPlatformImage.PathsOf(layer)));   // WORKDIR: /app exists, so an empty layer
            Assert.Null(image.ReadText("tmp/requirements.txt"));
            Assert.Contains("mlflow:x:10001:0:", image.ReadText("etc/passwd"));
        }
    }

    [SkippableTheory]
    [InlineData("BOTO3_VERSION", "1.0;x")]
    [InlineData("PSYCOPG2_VERSION", "2.9\nrequests")]
    [InlineData("BOTO3_VERSION", ">=1.0")]
    public async Task A_direct_docker_build_refuses_a_version_that_is_not_plain(string argument, string value)
    {
        Need.Registry();
        var result = await (await builds.Docker).BuildAsync("dockerfile.mlflow",
            ["--platform", "linux/amd64", "--output", "type=cacheonly"], new Dictionary<string, string> { [argument] = value });
        Assert.False(result.Succeeded);
        Assert.Contains($"{argument}={value.Split('\n')[0]}", result.StandardError);
        Assert.Contains("is not a plain version", result.StandardError);
    }

    [SkippableFact]
    public async Task The_image_runs_as_a_non_root_user_who_can_write_its_working_directory_on_both_platforms()
    {
        Need.Registry();
        var docker = await builds.Docker;
        var tag = $"{TestRegistry.Address}/test-dockerfile-{Guid.NewGuid():N}/mlflow:run";
        var build = await docker.BuildAsync("dockerfile.mlflow", ["--platform", "linux/amd64,linux/arm64", "--load", "--tag", tag], new Dictionary<string, string>());
        Assert.True(build.Succeeded, build.StandardError);
        try
        {
            foreach (var (platform, machine) in Machines)
            {
                var run = await docker.RunAsync("run", "--rm", "--platform", platform, tag, "sh", "-c",
                    "id -u; id -g; pwd; touch mlflow.db && mkdir mlruns && echo wrote; echo \"$HOME\"; uname -m; pip --version");
                Assert.True(run.Succeeded, run.StandardError);
                Assert.Equal(["10001", "0", "/app", "wrote", "/app", machine], run.StandardOutput.Split('\n').Take(6));
                Assert.StartsWith("pip ", run.StandardOutput.Split('\n')[6]);   // the base's PATH still finds its tools
            }
        }
        finally
        {
            await docker.RunAsync("image", "rm", "--force", tag);
        }
    }

    static string[] Strings(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : [];
}
