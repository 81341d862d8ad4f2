using System.Text.Json.Nodes;
using Build.Tests.GitHub;
using Build.Tests.Support;
using global::GitHub.Context;
using global::Metadata;
using global::Metadata.Output;

namespace Build.Tests.Metadata;

/// <summary>
/// Every case of docker/metadata-action's conformance corpus, through the same path the Tag target takes:
/// the case's environment and payload → GitHub context → repository data from a fake API via Octokit → computation.
/// Tags are compared after the project's stricter Docker tag rule; everything else exactly.
/// </summary>
public class ConformanceTests
{
    public static IEnumerable<object[]> Ids => ConformanceCase.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Case_agrees_with_the_action(string id)
    {
        var @case = ConformanceCase.Get(id);
        using var api = new FakeGitHubApi();
        var repository = File.ReadAllText(Path.Combine(ConformanceCase.Fixtures, (string)@case.Json["repo"]!));
        var environment = @case.Environment(api.Url);
        var github = EnvironmentContext.Load(environment);
        api.Serve($"/repos/{github.Owner}/{github.RepositoryName}", repository);

        if (@case.Expected["error"] is not null)
        {
            await Assert.ThrowsAsync<BuildError>(async () => Compute(@case, await MetadataContextSource.LoadAsync(github, environment, Secret.From(environment.GetValueOrDefault("GITHUB_TOKEN")), true)));
            return;
        }
        var context = await MetadataContextSource.LoadAsync(github, environment, Secret.From(environment.GetValueOrDefault("GITHUB_TOKEN")), needsCommitDate: true);
        var output = Compute(@case, context);
        var expected = @case.Expected;

        Assert.Equal((string?)expected["version"]!["main"] ?? "", output.Version);
        Assert.Equal(Strings(expected["version"]!["partial"]), output.PartialVersions);
        Assert.Equal((bool)expected["version"]!["latest"]!, output.Latest);
        Assert.Equal(StrictTags(Strings(expected["tags"])), output.Tags);
        Assert.Equal(StrictTags(Strings(expected["tagNames"])), output.TagNames);
        Assert.Equal(Strings(expected["labels"]), output.Labels);
        Assert.Equal(Strings(expected["annotations"]), output.AnnotationEntries);
        Assert.Contains($"/repos/{github.Owner}/{github.RepositoryName}", api.Requests);

        var inputs = @case.ToInputs();
        var bakeFiles = new Dictionary<string, string>();
        var outputs = ActionOutputs.Render(output, inputs, (name, content) => { bakeFiles[name] = content; return "/tmp/" + name; })
            .ToDictionary(p => p.Key, p => p.Value);
        if (@case.Group != "bakeFile") AssertJson(expected["json"], outputs["json"]);
        if (expected["tagsJoined"] is { } joined) Assert.Equal((string)joined!, outputs["tags"]);
        if (expected["bakeFileTags"] is { } bakeTags) AssertJson(bakeTags, bakeFiles["tags"]);
        if (expected["bakeFileLabels"] is { } bakeLabels) AssertJson(bakeLabels, bakeFiles["labels"]);
        if (expected["bakeFileAnnotations"] is { } bakeAnnotations) AssertJson(bakeAnnotations, bakeFiles["annotations"]);
        if (expected["bakeFile"] is { } bake) AssertJson(bake, bakeFiles[""]);
    }

    static MetadataOutput Compute(ConformanceCase @case, MetadataContext context) => MetadataComputation.Compute(@case.ToInputs(), context);

    static List<string> Strings(JsonNode? array) => array?.AsArray().Select(n => (string)n!).ToList() ?? [];

    static void AssertJson(JsonNode? expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), $"expected {expected?.ToJsonString()}\nactual   {actual}");

    /// <summary>
    /// The rule, written independently of the code under test: strip a leading '.'/'-', cut to 128,
    /// drop what is empty, keep the first of repeated tags (a reference's tag is after its last ':').
    /// </summary>
    public static List<string> StrictTags(IEnumerable<string> tags)
    {
        var result = new List<string>();
        foreach (var tag in tags)
        {
            var colon = tag.LastIndexOf(':');
            var image = colon < 0 || tag.IndexOf('/', colon) >= 0 ? "" : tag[..(colon + 1)];
            var name = tag[image.Length..].TrimStart('.', '-');
            if (name.Length > 128) name = name[..128];
            if (name.Length > 0 && !result.Contains(image + name)) result.Add(image + name);
        }
        return result;
    }
}
