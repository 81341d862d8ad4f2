using Build.Tests.Support;

namespace Build.Tests.Engine;

public class CommittedSchemaTests
{
    [Fact]
    public void The_committed_schema_matches_the_build()
    {
        // "Build" is also this test project's root namespace, hence the lookup by name (in the build assembly, not the engine's).
        var buildType = typeof(global::Components.ITag).Assembly.GetType("Build", throwOnError: true)!;
        var targets = TargetDiscovery.Discover((INukeBuild)Activator.CreateInstance(buildType)!, ["Publish"]);
        var expected = BuildSchema.Render(targets, ParameterMember.Discover(buildType), BuildRun.Hosts);
        var committed = File.ReadAllText(Path.Combine(Repo.Root, ".nuke", "build.schema.json"));
        Assert.True(expected == committed, "Run ./build.sh --help to refresh .nuke/build.schema.json and commit it.");
    }
}
