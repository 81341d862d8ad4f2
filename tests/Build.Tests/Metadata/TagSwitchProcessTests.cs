using Build.Tests.Support;

namespace Build.Tests.Metadata;

/// <summary>
/// ./build.sh Tag as a workflow step: DOCKER_METADATA_SET_OUTPUT_ENV as the action's strict bool, a trimmed
/// --bake-target, and list values that start with '-'.
/// </summary>
public class TagSwitchProcessTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("tag-switch-").FullName;

    public void Dispose() => Directory.Delete(directory, true);

    Dictionary<string, string?> Step(string? outputEnv = null)
    {
        var payload = Path.Combine(directory, "event.json");
        File.WriteAllText(payload, """{"repository": {"default_branch": "main"}}""");
        foreach (var file in new[] { "github_output", "github_env" }) File.WriteAllText(Path.Combine(directory, file), "");
        return new()
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_SHA"] = "1ec004e5d2b1c3f4a5b6c7d8e9f0a1b2c3d4e5f6",
            ["GITHUB_REPOSITORY"] = "Acme/Widget", ["GITHUB_EVENT_PATH"] = payload, ["GITHUB_OUTPUT"] = Path.Combine(directory, "github_output"),
            ["GITHUB_ENV"] = Path.Combine(directory, "github_env"), ["GITHUB_API_URL"] = "http://127.0.0.1:9", ["SOURCE_DATE_EPOCH"] = "1578616200",
            ["RUNNER_TEMP"] = directory, ["DOCKER_METADATA_SET_OUTPUT_ENV"] = outputEnv,
        };
    }

    string Read(string file) => File.ReadAllText(Path.Combine(directory, file));

    [Theory]
    [InlineData("1")]
    [InlineData("t")]
    [InlineData("True")]
    public async Task A_true_switch_exports_the_output_variables(string value)
    {
        var result = await TagProcessTests.BuildAsync(WorkingCopy.Root, Step(value), "--images", "acme/widget", "--tags", "type=ref,event=branch");
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal("acme/widget:main", TagProcessTests.ReadStepFile(Path.Combine(directory, "github_env"))["DOCKER_METADATA_OUTPUT_TAGS"]);
    }

    [Fact]
    public async Task A_false_switch_exports_none()
    {
        var result = await TagProcessTests.BuildAsync(WorkingCopy.Root, Step("F"), "--images", "acme/widget", "--tags", "type=ref,event=branch");
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal("", Read("github_env"));
        Assert.Contains("tags<<", Read("github_output"));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData(" false")]
    public async Task Any_other_switch_value_fails_with_one_line_before_any_output(string value)
    {
        var result = await TagProcessTests.BuildAsync(WorkingCopy.Root, Step(value), "--images", "acme/widget");
        Assert.NotEqual(0, result.ExitCode);
        // The error line, and on Actions its ::error:: annotation.
        Assert.Equal(2, result.StandardOutput.Split('\n').Count(line => line.Contains("parseBool")));
        Assert.Contains($"[ERR] parseBool syntax error: {value}", System.Text.RegularExpressions.Regex.Replace(result.StandardOutput, @"\x1b\[[0-9;]*m", ""));
        Assert.Equal("", Read("github_output"));
        Assert.Equal("", Read("github_env"));
        Assert.DoesNotContain("   at ", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task The_bake_target_is_trimmed()
    {
        var result = await TagProcessTests.BuildAsync(WorkingCopy.Root, Step(), "--images", "acme/widget", "--bake-target", "  spaced-target  ");
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("\"spaced-target\": {", File.ReadAllText(TagProcessTests.ReadStepFile(Path.Combine(directory, "github_output"))["bake-file"]));
    }

    [Fact]
    public async Task List_values_that_start_with_a_dash_pass_with_equals_or_double_dash_and_are_never_dropped()
    {
        var result = await TagProcessTests.BuildAsync(WorkingCopy.Root, Step(), "--images", "acme/widget", "--labels=-dash=6", "~tilde=7", "--tags", "--", "type=ref,event=branch", "-nightly");
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var outputs = TagProcessTests.ReadStepFile(Path.Combine(directory, "github_output"));
        Assert.Equal("main\nnightly", outputs["tag-names"]);
        Assert.Contains("-dash=6", outputs["labels"].Split('\n'));
        Assert.Contains("~tilde=7", outputs["labels"].Split('\n'));

        result = await TagProcessTests.BuildAsync(WorkingCopy.Root, Step(), "--images", "acme/widget", "--labels", "-dash=6", "~tilde=7");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'-dash=6' after --labels names no parameter", result.StandardOutput);
        Assert.DoesNotContain("is ignored", result.StandardOutput);
    }
}
