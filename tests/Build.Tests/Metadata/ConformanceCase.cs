using System.Text.Json.Nodes;
using Build.Tests.Support;
using global::Metadata;

namespace Build.Tests.Metadata;

/// <summary>One case of Metadata/Conformance/cases.json (docker/metadata-action's own results; provenance in its README).</summary>
internal sealed record ConformanceCase(string Id, JsonObject Json)
{
    public static string Directory => Path.Combine(Repo.Root, "tests", "Build.Tests", "Metadata", "Conformance");
    public static string Fixtures => Path.Combine(Directory, "fixtures");

    static readonly Lazy<IReadOnlyList<ConformanceCase>> All = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "cases.json")))!.AsArray()
            .Select(node => new ConformanceCase((string)node!["id"]!, node.AsObject())).ToList());

    public static IReadOnlyList<ConformanceCase> Cases => All.Value;

    /// <summary>Theory data: every case id.</summary>
    public static IEnumerable<object[]> Ids => Cases.Select(c => new object[] { c.Id });

    public static ConformanceCase Get(string id) => Cases.Single(c => c.Id == id);

    public string Group => (string)Json["group"]!;
    public JsonObject Expected => Json["expected"]!.AsObject();
    public JsonObject Inputs => Json["inputs"]!.AsObject();
    public IEnumerable<string> Checked => Json["checked"]!.AsArray().Select(n => (string)n!);

    public IReadOnlyList<string> Input(string name) => Inputs[name]?.AsArray().Select(n => (string)n!).ToList() ?? [];

    public MetadataInputs ToInputs() => new()
    {
        Images = Input("images"),
        Tags = Input("tags"),
        Flavor = Input("flavor"),
        Labels = Input("labels"),
        Annotations = Input("annotations"),
        SepTags = (string?)Inputs["sepTags"] ?? "\n",
        SepLabels = (string?)Inputs["sepLabels"] ?? "\n",
        SepAnnotations = (string?)Inputs["sepAnnotations"] ?? "\n",
        BakeTarget = (string?)Inputs["bakeTarget"] ?? "docker-metadata-action",
    };

    /// <summary>
    /// The case's complete environment, as the upstream test sets it: the payload file resolved in fixtures/,
    /// the repository defaulting to docker/repo, plus the API at <paramref name="apiUrl"/> and the fixed clock.
    /// </summary>
    public Dictionary<string, string?> Environment(string apiUrl)
    {
        var environment = Json["env"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value);
        environment["GITHUB_EVENT_PATH"] = environment.GetValueOrDefault("GITHUB_EVENT_PATH") is { } payload ? Path.Combine(Fixtures, payload) : null;
        if (string.IsNullOrEmpty(environment.GetValueOrDefault("GITHUB_REPOSITORY"))) environment["GITHUB_REPOSITORY"] = "docker/repo";
        environment["GITHUB_API_URL"] = apiUrl;
        environment["SOURCE_DATE_EPOCH"] = FixedInstant.ToUnixTimeSeconds().ToString();
        if (Json["options"]?["bakeFileAnnotationLevels"] is JsonArray levels)
            environment["DOCKER_METADATA_ANNOTATIONS_LEVELS"] = string.Join(',', levels.Select(l => (string)l!));
        return environment;
    }

    /// <summary>The instant the upstream test mocks both clocks to.</summary>
    public static readonly DateTimeOffset FixedInstant = new(2020, 1, 10, 0, 30, 0, TimeSpan.Zero);

    public override string ToString() => Id;
}
