using Build.Tests.Support;

namespace Build.Tests.Dockerfile;

/// <summary>.dockerignore, applied by BuildKit itself: a `COPY . /` of a context shaped like this repository.</summary>
public class DockerignoreTests
{
    internal static readonly string[] Ignored =
    [
        ".git/HEAD", ".github/workflows/ci.yml", ".ci/run", ".env", "config/.env.local", "secrets/deploy.key",
        "build/Build.cs", "build/bin/Debug/_build.dll", ".nuke/temp/build.log", "tests/Build.Tests/obj/x.json",
        "benchmarks/image-size.sh", "bin/x", "obj/x", "src/bin/x", "artifacts/image.tar", "mlruns/0/meta.yaml",
        "pkg/__pycache__/m.cpython-310.pyc", "pkg/m.pyc", "README.md", "build.sh", "global.json",
    ];

    internal static readonly string[] Kept = ["dockerfile.mlflow", "requirements.txt", "pkg/m.py"];

    [SkippableFact]
    public async Task A_COPY_of_the_whole_context_leaves_out_tooling_output_and_secrets()
    {
        Need.Docker();
        using var docker = new StandInDocker();
        var context = Path.Combine(docker.WorkDirectory, "context");
        foreach (var file in Ignored.Concat(Kept))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(context, file))!);
            File.WriteAllText(Path.Combine(context, file), file);
        }
        File.Copy(Path.Combine(Repo.Root, ".dockerignore"), Path.Combine(context, ".dockerignore"));
        var dockerfile = Path.Combine(docker.WorkDirectory, "copy-all.Dockerfile");
        File.WriteAllText(dockerfile, "FROM scratch\nCOPY . /context/\n");
        var output = Path.Combine(docker.WorkDirectory, "out");

        var result = await docker.RunAsync("buildx", "build", "--file", dockerfile, "--output", $"type=local,dest={output}", context);

        Assert.True(result.Succeeded, result.StandardError);
        var copied = Directory.EnumerateFiles(Path.Combine(output, "context"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(output, "context"), f)).Order().ToList();
        Assert.Equal(Kept.Append(".dockerignore").Order(), copied);
    }
}
