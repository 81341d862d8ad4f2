using System.Diagnostics;
using System.Text.Json.Nodes;
using GitHub.Api;
using GitHub.Context;
using Metadata;

// Every conformance case's full rule set (parse inputs, evaluate rules, templates, labels, annotations, outputs)
// timed in process; the I/O (payload file, repository data) is read once per case before timing.
var corpus = Path.GetFullPath(args.Length > 0 ? args[0] : "tests/Build.Tests/Metadata/Conformance");
var repository = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "fixtures", "repo.json")))!;
var repositoryData = new RepositoryData((string)repository["name"]!, (string)repository["description"]!, (string)repository["html_url"]!,
    (string)repository["license"]!["spdx_id"]!, (string)repository["default_branch"]!);
Engine.Log.MinimumLevel = Engine.LogLevel.Error;

var cases = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "cases.json")))!.AsArray().Select(node =>
{
    var environment = node!["env"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value);
    if (environment.GetValueOrDefault("GITHUB_EVENT_PATH") is { } payload) environment["GITHUB_EVENT_PATH"] = Path.Combine(corpus, "fixtures", payload);
    var now = new DateTimeOffset(2020, 1, 10, 0, 30, 0, TimeSpan.Zero);
    var context = MetadataContext.FromGitHub(EnvironmentContext.Load(environment), repositoryData, environment, now, now);
    string[] Input(string name) => node["inputs"]![name]?.AsArray().Select(n => (string)n!).ToArray() ?? [];
    var inputs = new MetadataInputs { Images = Input("images"), Tags = Input("tags"), Flavor = Input("flavor"), Labels = Input("labels"), Annotations = Input("annotations") };
    return (inputs, context);
}).ToList();

void RunAll()
{
    foreach (var (inputs, context) in cases)
    {
        var output = MetadataComputation.Compute(inputs, context);
        Metadata.Output.ActionOutputs.Render(output, inputs, (_, content) => content);
    }
}

for (var i = 0; i < 200; i++) RunAll();   // warm-up (JIT, tiered compilation)
var rounds = new List<double>();
for (var round = 0; round < 15; round++)
{
    var watch = Stopwatch.StartNew();
    const int iterations = 100;
    for (var i = 0; i < iterations; i++) RunAll();
    rounds.Add(watch.Elapsed.TotalMicroseconds / (iterations * cases.Count));
}
rounds.Sort();
Console.WriteLine($"{cases.Count} cases; full rule set + outputs per case: median {rounds[rounds.Count / 2]:F1} µs, best {rounds[0]:F1} µs, worst {rounds[^1]:F1} µs (budget 1000 µs)");
