using System.Text.Json.Nodes;
using Build.Tests.GitHub;
using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Metadata;

/// <summary>
/// Conformance cases through the real ./build.sh Tag, as a workflow would run it: the case's variables and
/// payload, its inputs as command-line lines, the API at a fake server, outputs read back from $GITHUB_OUTPUT.
/// A sample of groups (every case runs in-process in <see cref="ConformanceTests"/>); CONFORMANCE_PROCESS=all runs all.
/// </summary>
public class ConformanceProcessTests
{
    static readonly string[] Sample =
        ["push/push17", "push/push20", "tag/tag17", "tag/tag22", "latest/latest09", "pr/pr09", "pr-head-sha/pr12", "schedule/schedule08",
         "json/json07", "sepTags/sepTags02", "null/null01", "bakeFile/bakeFile05", "latest/latest01"];

    public static IEnumerable<object[]> Ids =>
        Environment.GetEnvironmentVariable("CONFORMANCE_PROCESS") == "all" ? ConformanceCase.Ids : Sample.Select(id => new object[] { id });

    /// <summary>
    /// The corpus gives already-split entries (the upstream test bypasses getInputList); a command-line value is an input
    /// line, whose CSV quotes the list parser removes. Quoting the whole line hands the entry over unchanged.
    /// </summary>
    static string AsInputLine(string entry) => entry.Contains('"') ? "\"" + entry.Replace("\"", "\"\"") + "\"" : entry;

    /// <summary>
    /// A list as the command line takes it: values starting with '-' (a label `-dash=6`, a raw tag `-nightly`) go as
    /// `--labels=-dash=6 ...` when only the first does, else after `--labels --` at the end of the command line.
    /// </summary>
    static void ListArgument(List<string> arguments, List<string> last, string option, IReadOnlyList<string> values)
    {
        if (!values.Skip(1).Any(v => v.StartsWith('-')))
            arguments.AddRange(values is [var first, ..] && first.StartsWith('-') ? [$"{option}={first}", .. values.Skip(1)] : [option, .. values]);
        else if (last.Count == 0) last.AddRange([option, "--", .. values]);
        else throw new InvalidOperationException($"Two lists with values that start with '-': {last[0]} and {option}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Case_agrees_through_the_command_line(string id)
    {
        var @case = ConformanceCase.Get(id);
        using var api = new FakeGitHubApi();
        var environment = @case.Environment(api.Url);
        var repository = environment["GITHUB_REPOSITORY"]!;
        api.Serve($"/repos/{repository}", File.ReadAllText(Path.Combine(ConformanceCase.Fixtures, (string)@case.Json["repo"]!)));
        using var temporary = new TemporaryFile();
        environment["GITHUB_OUTPUT"] = temporary.Path;
        environment["GITHUB_ACTIONS"] = "true";

        var arguments = new List<string> { WorkingCopy.BuildScript, "Tag", "--skip", "--no-logo" };
        var last = new List<string>();
        foreach (var (input, option) in new[] { ("images", "--images"), ("tags", "--tags"), ("flavor", "--flavor"), ("labels", "--labels"), ("annotations", "--annotations") })
            if (@case.Inputs[input] is not null || input is "images" or "tags") ListArgument(arguments, last, option, @case.Input(input).Select(AsInputLine).ToList());
        if ((string?)@case.Inputs["sepTags"] is { } sepTags) arguments.AddRange(["--sep-tags", sepTags]);
        if ((string?)@case.Inputs["bakeTarget"] is { } bakeTarget) arguments.AddRange(["--bake-target", bakeTarget]);
        arguments.AddRange(last);
        var child = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("GITHUB_") || k.StartsWith("DOCKER_METADATA_") || k is "SOURCE_DATE_EPOCH" or "CI" or "RUNNER_TEMP")
            .ToDictionary(k => k, string? (_) => null);
        foreach (var (key, value) in environment) child[key] = value;
        child["NO_COLOR"] = "1";

        var result = await ToolRunner.RunAsync(new ToolCommand("bash", arguments) { WorkingDirectory = WorkingCopy.Root, Environment = child }, echoOutput: false);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var outputs = TagProcessTests.ReadStepFile(temporary.Path);
        var expected = @case.Expected;
        var separator = (string?)@case.Inputs["sepTags"] ?? "\n";
        Assert.Equal((string?)expected["version"]!["main"] ?? "", outputs["version"]);
        Assert.Equal(string.Join(separator, ConformanceTests.StrictTags(Strings(expected["tags"]))), outputs["tags"]);
        Assert.Equal(string.Join(separator, ConformanceTests.StrictTags(Strings(expected["tagNames"]))), outputs["tag-names"]);
        Assert.Equal(string.Join('\n', Strings(expected["labels"])), outputs["labels"]);
        var levels = environment.GetValueOrDefault("DOCKER_METADATA_ANNOTATIONS_LEVELS") ?? "manifest";
        Assert.Equal(string.Join('\n', levels.Split(',').SelectMany(level => Strings(expected["annotations"]).Select(a => $"{level}:{a}"))), outputs["annotations"]);
        if (@case.Group != "bakeFile") Assert.True(JsonNode.DeepEquals(expected["json"], JsonNode.Parse(outputs["json"])), outputs["json"]);
        if (expected["bakeFileTags"] is { } bakeTags) Assert.True(JsonNode.DeepEquals(bakeTags, JsonNode.Parse(File.ReadAllText(outputs["bake-file-tags"]))));
    }

    static List<string> Strings(JsonNode? array) => array?.AsArray().Select(n => (string)n!).ToList() ?? [];

    sealed class TemporaryFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.GetTempFileName();
        public void Dispose() => File.Delete(Path);
    }
}
