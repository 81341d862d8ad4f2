using global::Metadata;
using global::Metadata.Output;
using global::GitHub.Context;
using static Build.Tests.Metadata.MetadataScenario;

namespace Build.Tests.Metadata;

public class OutputTests
{
    [Fact]
    public void The_printed_table_leaves_out_labels_and_annotations_without_a_value()
    {
        var output = new MetadataOutput
        {
            Version = "main", Tags = ["local/shop/web:main"],
            Labels = ["org.opencontainers.image.description=", "org.opencontainers.image.revision=abc"],
            Annotations = ["manifest:org.opencontainers.image.licenses=", "manifest:org.opencontainers.image.revision=abc"],
        };
        Assert.Equal(
            ["version    | main", "tag        | local/shop/web:main", "label      | org.opencontainers.image.revision=abc", "annotation | manifest:org.opencontainers.image.revision=abc"],
            global::Metadata.Output.MetadataTable.Lines(output));
    }

    [Fact]
    public void Json_escapes_like_JSON_stringify()
    {
        var text = JsonText.Write(new List<KeyValuePair<string, object?>> { new("a", "x\"<&>é\n\u0001"), new("b", null), new("c", new[] { "1" }) });
        Assert.Equal("{\"a\":\"x\\\"<&>é\\n\\u0001\",\"c\":[\"1\"]}", text);
    }

    [Fact]
    public void Bake_files_are_indented_by_two_and_omit_an_undefined_version()
    {
        var output = Compute(Context(""), ["type=raw,a,enable=false"], images: ["user/app"]);
        var files = new Dictionary<string, string>();
        ActionOutputs.Render(output, new MetadataInputs { BakeTarget = "meta" }, (name, content) => { files[name] = content; return name; });
        Assert.Equal("{\n  \"target\": {\n    \"meta\": {\n      \"tags\": [],\n      \"args\": {\n        \"DOCKER_META_IMAGES\": \"user/app\"\n      }\n    }\n  }\n}", files["tags"]);
    }

    [Fact]
    public void Outputs_have_the_action_names_and_separators()
    {
        var output = Compute(Context("refs/heads/dev"), ["type=ref,event=branch", "type=raw,x"]);
        var values = ActionOutputs.Render(output, new MetadataInputs { SepTags = "," }, (name, _) => "/tmp/" + name);
        Assert.Equal(["version", "tags", "tag-names", "labels", "annotations", "json", "bake-file-tags", "bake-file-labels", "bake-file-annotations", "bake-file"],
            values.Select(v => v.Key));
        Assert.Equal("user/app:dev,user/app:x", values[1].Value);
        Assert.Equal("DOCKER_METADATA_OUTPUT_BAKE_FILE_TAGS", ActionOutputs.EnvironmentName("bake-file-tags"));
    }

    [Fact]
    public void Step_output_files_use_the_delimiter_form()
    {
        var text = StepOutputFile.Format("tags", "a\nb");
        var lines = text.Split('\n');
        Assert.StartsWith("tags<<ghadelimiter_", lines[0]);
        Assert.Equal(["a", "b", lines[0]["tags<<".Length..], ""], lines[1..]);
    }

    [Fact]
    public void The_bake_target_is_trimmed_like_every_action_input()
    {
        var files = new Dictionary<string, string>();
        ActionOutputs.Render(Compute(Context("refs/heads/dev"), ["type=ref,event=branch"]), new MetadataInputs { BakeTarget = "  spaced-target  " },
            (name, content) => { files[name] = content; return name; });
        Assert.All(files.Values, content => Assert.Contains("\"spaced-target\": {", content));
    }

    [Theory]
    [InlineData("1", true)] [InlineData("t", true)] [InlineData("T", true)] [InlineData("true", true)] [InlineData("TRUE", true)] [InlineData("True", true)]
    [InlineData("0", false)] [InlineData("f", false)] [InlineData("F", false)] [InlineData("false", false)] [InlineData("FALSE", false)] [InlineData("False", false)]
    public void The_output_env_switch_is_a_strict_bool(string value, bool exports) =>
        Assert.Equal(exports, MetadataContext.FromGitHub(new(), global::GitHub.Api.RepositoryData.Empty,
            new Dictionary<string, string?> { ["DOCKER_METADATA_SET_OUTPUT_ENV"] = value }, Now, Now).ExportsOutputVariables);

    [Theory]
    [InlineData("yes")] [InlineData("on")] [InlineData(" false")] [InlineData("tRue")] [InlineData("2")]
    public void Any_other_output_env_value_is_the_actions_one_line(string value) =>
        Assert.Equal($"parseBool syntax error: {value}", Assert.Throws<BuildError>(() => MetadataContext.FromGitHub(new(), global::GitHub.Api.RepositoryData.Empty,
            new Dictionary<string, string?> { ["DOCKER_METADATA_SET_OUTPUT_ENV"] = value }, Now, Now)).Message);

    [Fact]
    public void An_unset_or_empty_output_env_switch_exports() =>
        Assert.True(MetadataContext.FromGitHub(new(), global::GitHub.Api.RepositoryData.Empty,
            new Dictionary<string, string?> { ["DOCKER_METADATA_SET_OUTPUT_ENV"] = "" }, Now, Now).ExportsOutputVariables);
}
