using System.Reflection;
using Build.Tests.Support;
using global::Workflows;

namespace Build.Tests.Workflows;

/// <summary>The repository's Build class as the engine describes it to generators, and its workflow attribute.</summary>
static class BuildUnderTest
{
    /// <summary>The build class (its name clashes with the test namespace, hence by reflection).</summary>
    public static Type Type { get; } = typeof(GitHubActionsAttribute).Assembly.GetType("Build", throwOnError: true)!;

    public static GitHubActionsAttribute Attribute => Named("mlflow-image-publish");

    /// <summary>One of the build class's workflow attributes, by workflow name.</summary>
    public static GitHubActionsAttribute Named(string name) =>
        Type.GetCustomAttributes<GitHubActionsAttribute>().Single(attribute => attribute.Name == name);

    public static string CommittedPath => Path.Combine(Repo.Root, Attribute.RelativePath);

    /// <summary>What the engine hands to generators (its own discovery of targets and parameters).</summary>
    public static BuildDescription Description()
    {
        var build = (INukeBuild)Activator.CreateInstance(Type, nonPublic: true)!;
        var targets = TargetDiscovery.Discover(build, []);
        return new BuildDescription(
            Type,
            new AbsolutePath(Repo.Root),
            [.. targets.Select(t => new TargetDescription(t.Name, t.Description, [.. t.ExecutionDependencies.Select(d => d.Name)], t.Unlisted, t.IsDefault))],
            [.. ParameterMember.Discover(Type).Select(p => new ParameterDescription(p.Name, p.Description, p.Type, p.IsSecret))]);
    }

    public static Workflow Workflow()
    {
        var workflow = Attribute.CreateWorkflow();
        Attribute.ApplyHook(Type, workflow);
        return workflow;
    }
}
