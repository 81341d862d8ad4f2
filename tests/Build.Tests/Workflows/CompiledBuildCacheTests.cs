using System.Reflection;
using Build.Tests.Support;
using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>One cache recipe: every committed workflow that runs the build restores the compiled build first.</summary>
public class CompiledBuildCacheTests
{
    static IEnumerable<string> CommittedWorkflows => Directory.GetFiles(Path.Combine(Repo.Root, ".github", "workflows"), "*.yml").Order(StringComparer.Ordinal);

    static string Hash(IEnumerable<string> files) => $"hashFiles({string.Join(", ", files.Select(file => $"'{file}'"))})";

    [Fact]
    public void Every_job_of_every_committed_workflow_that_runs_the_build_restores_build_bin_and_the_stamps_first()
    {
        var checkedJobs = 0;
        foreach (var file in CommittedWorkflows)
        {
            var root = WorkflowYaml.Read(File.ReadAllText(file));
            foreach (var (id, job) in ((YamlMappingNode)root.At("jobs")).Children.Select(pair => (pair.Key.Text(), (YamlMappingNode)pair.Value)))
            {
                var steps = ((YamlSequenceNode)job.At("steps")).Children.Cast<YamlMappingNode>().ToList();
                var firstRun = steps.FindIndex(step => step.Children.TryGetValue("run", out var run) && (run.Text().Contains("./build.cmd") || run.Text().Contains("./build.sh")));
                if (firstRun < 0) continue;
                checkedJobs++;
                var where = $"{Path.GetFileName(file)}, job {id}";
                var cache = steps.Take(firstRun).FirstOrDefault(step => step.Children.TryGetValue("uses", out var uses) && uses.Text().StartsWith("actions/cache@", StringComparison.Ordinal));
                Assert.True(cache is not null, $"{where}: runs the build without restoring the compiled build (no actions/cache step before it)");
                Assert.True(CompiledBuildCache.Paths.SequenceEqual(cache.At("with", "path").Text().Split('\n')),
                    $"{where}: the first cache step restores '{cache.At("with", "path").Text()}', not the compiled build ({string.Join(", ", CompiledBuildCache.Paths)})");
                Assert.Equal($"${{{{ runner.os }}}}-${{{{ runner.arch }}}}-build-${{{{ {Hash(CompiledBuildCache.KeyFiles)} }}}}", cache.At("with", "key").Text());
                var compile = steps[steps.IndexOf(cache) + 1];
                Assert.Equal(string.Join('\n', CompiledBuildCache.CompilePaths), compile.At("with", "path").Text());
                Assert.Equal($"steps.{cache.At("id").Text()}.outputs.cache-hit != 'true'", compile.At("if").Text());
            }
        }
        Assert.True(checkedJobs >= 4, $"only {checkedJobs} jobs run the build: are the workflows where this test looks?");
    }

    [Fact]
    public void A_workflow_attribute_without_cache_settings_gets_the_recipe_and_no_build_running_workflow_overrides_it()
    {
        var plain = new GitHubActionsAttribute("any", "ubuntu-24.04");
        Assert.Equal(CompiledBuildCache.Paths, plain.CacheIncludePatterns);
        Assert.Equal(CompiledBuildCache.KeyFiles, plain.CacheKeyFiles);
        Assert.Equal(CompiledBuildCache.CompilePaths, plain.CompileCacheIncludePatterns);
        Assert.Equal(CompiledBuildCache.CompileKeyFiles, plain.CompileCacheKeyFiles);
        // A cache of the workflow's own (one that runs no build) is one step, as NUKE's, without the compile cache.
        var own = new GitHubActionsAttribute("any", "ubuntu-24.04") { CacheIncludePatterns = ["~/.nuget/packages"] };
        Assert.Empty(own.CompileCacheIncludePatterns);
        foreach (var attribute in BuildUnderTest.Type.GetCustomAttributes<GitHubActionsAttribute>().Where(attribute => attribute.InvokedTargets.Length > 0))
        {
            Assert.Equal(CompiledBuildCache.Paths, attribute.CacheIncludePatterns);
            Assert.Equal(CompiledBuildCache.KeyFiles, attribute.CacheKeyFiles);
        }
    }

    [Fact]
    public void The_key_files_are_what_build_sh_compiles_from()
    {
        // build.sh decides whether to compile from the files under build/ (bin and obj aside) and global.json.
        var script = File.ReadAllText(WorkingCopy.BuildScript);
        Assert.Contains("find build global.json", script);
        Assert.Contains("build/bin/ReadyToRun/_build.dll", script);
        Assert.Contains("STAMP_FILE=\"$TEMP_DIRECTORY/build.stamp\"", script);
        Assert.Contains(".nuke/temp/build.stamp", CompiledBuildCache.Paths);
    }
}
