using System.Text.Json;

namespace Build.Tests.Engine;

/// <summary>
/// .nuke/build.schema.json in NUKE's format (parameters and targets as JSON Schema definitions, for completion
/// and IDEs) and CI configuration generation (written only when it changed).
/// </summary>
public class SchemaTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    public enum Mode { Fast, Careful }

    sealed class ListFileAttribute(string id) : ConfigurationAttributeBase
    {
        public override string Id => id;

        public override IEnumerable<GeneratedFile> Generate(BuildDescription build) =>
        [
            new($"ci/{id}.txt", string.Join("\n", build.Targets.Select(t => $"{t.Name}|{t.Description}|{string.Join("+", t.DependsOn)}|{t.Unlisted}|{t.IsDefault}"))
                + "\n" + string.Join("\n", build.Parameters.Select(p => $"{p.Name}|{p.Description}|{p.Type.Name}|{p.IsSecret}"))),
        ];
    }

    interface IComponent : INukeBuild
    {
        [Parameter("Component flag")] bool? Flag => TryGetValue(() => Flag);
        Target Pack => _ => _.Executes(() => { });
    }

    [ListFile("Auto")]
    [ListFile("Manual", AutoGenerate = false)]
    class Described : NukeBuild, IComponent
    {
        [Parameter("The API key.")] [Secret] readonly string? ApiKey;
        [Parameter] readonly int Retries;
        [Parameter] readonly Mode Kind;
        [Parameter] readonly string[] Tags = [];
        [Parameter] readonly AbsolutePath? Output;
        public bool Ran;
        Target Compile => _ => _.Description("Compiles").Executes(() => Ran = true);
        Target Hidden => _ => _.Unlisted().DependsOn(Compile);
    }

    [Fact]
    public void A_local_run_writes_the_schema_in_NUKE_layout_and_a_parameters_file()
    {
        Assert.Equal(0, run.Run(new Described(), ["Compile"], ["--help"]));
        var text = File.ReadAllText(Path.Combine(run.Root, ".nuke", "build.schema.json"));
        var schema = JsonDocument.Parse(text).RootElement;
        Assert.Equal("http://json-schema.org/draft-04/schema#", schema.GetProperty("$schema").GetString());
        var definitions = schema.GetProperty("definitions");
        Assert.Equal(["Compile", "Hidden", "Pack"], definitions.GetProperty("ExecutableTarget").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Fast", "Careful"], definitions.GetProperty("Mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Continue", "Help", "Host", "NoLogo", "Partition", "Plan", "Profile", "Root", "Skip", "Target", "Verbosity"],
            definitions.GetProperty("NukeBuild").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("#/definitions/ExecutableTarget", definitions.GetProperty("NukeBuild").GetProperty("properties").GetProperty("Target").GetProperty("items").GetProperty("$ref").GetString());

        var allOf = schema.GetProperty("allOf");
        Assert.Equal("#/definitions/NukeBuild", allOf[1].GetProperty("$ref").GetString());
        var own = allOf[0].GetProperty("properties");
        Assert.Equal(["ApiKey", "Flag", "Kind", "Output", "Retries", "Tags"], own.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"type":"string","description":"The API key","default":"Secrets must be entered via 'nuke :secrets [profile]'"}""", Compact(own.GetProperty("ApiKey")));
        Assert.Equal("""{"type":["boolean","null"],"description":"Component flag"}""", Compact(own.GetProperty("Flag")));
        Assert.Equal("""{"$ref":"#/definitions/Mode"}""", Compact(own.GetProperty("Kind")));
        Assert.Equal("""{"type":"string"}""", Compact(own.GetProperty("Output")));
        Assert.Equal("""{"type":"integer","format":"int32"}""", Compact(own.GetProperty("Retries")));
        Assert.Equal("""{"type":"array","items":{"type":"string"}}""", Compact(own.GetProperty("Tags")));
        Assert.Contains("\n  \"definitions\": {\n", text);

        Assert.Equal("{\n  \"$schema\": \"./build.schema.json\"\n}\n", File.ReadAllText(Path.Combine(run.Root, ".nuke", "parameters.json")));
    }

    [Fact]
    public void The_schema_is_stable_and_only_rewritten_when_it_changes()
    {
        Assert.Equal(0, run.Run(new Described(), ["Compile"], ["--help"]));
        var path = Path.Combine(run.Root, ".nuke", "build.schema.json");
        var first = File.ReadAllText(path);
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, run.Run(new Described(), ["Compile"], ["--shell-completion"]));
        Assert.Equal(first, File.ReadAllText(path));
        Assert.Equal(2020, File.GetLastWriteTimeUtc(path).Year);
    }

    [Fact]
    public void Local_runs_regenerate_auto_configurations_and_say_which_changed()
    {
        var build = new Described();
        Assert.Equal(0, run.Run(build, ["Compile"], []));
        Assert.True(build.Ran);
        Assert.Contains("Configuration files for Auto have changed: ci/Auto.txt", run.Output);
        Assert.False(File.Exists(Path.Combine(run.Root, "ci", "Manual.txt")));
        var lines = File.ReadAllLines(Path.Combine(run.Root, "ci", "Auto.txt"));
        Assert.Equal(["Compile|Compiles||False|True", "Hidden||Compile|True|False", "Pack||False|False"], lines.Take(3).Select(l => l.Replace("|||", "||")));
        Assert.Contains("ApiKey|The API key.|String|True", lines);
        Assert.Contains("Flag|Component flag|Nullable`1|False", lines);

        Assert.Equal(0, run.Run(new Described(), ["Compile"], []));
        Assert.DoesNotContain("have changed", run.Output);
    }

    [Fact]
    public void Generate_configuration_writes_one_generator_and_runs_no_target()
    {
        var build = new Described();
        Assert.Equal(0, run.Run(build, ["Compile"], ["--generate-configuration", "Manual", "--host", "GitHubActions"]));
        Assert.False(build.Ran);
        Assert.True(File.Exists(Path.Combine(run.Root, "ci", "Manual.txt")));
        Assert.False(File.Exists(Path.Combine(run.Root, "ci", "Auto.txt")));

        Assert.Equal(-1, run.Run(new Described(), ["Compile"], ["--generate-configuration", "Nope"]));
        Assert.Contains("No configuration with id 'Nope'. Available: Auto, Manual.", run.Output);
    }

    [Fact]
    public void Server_runs_regenerate_nothing()
    {
        run.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, run.Run(new Described(), ["Compile"], []));
        Assert.False(File.Exists(Path.Combine(run.Root, "ci", "Auto.txt")));
    }

    [Fact]
    public void A_root_outside_the_build_project_gets_no_new_files_but_its_existing_ones_refreshed()
    {
        run.ProjectDirectory = Path.GetTempPath();
        Assert.Equal(0, run.Run(new Described(), ["Compile"], []));
        Assert.False(File.Exists(Path.Combine(run.Root, ".nuke", "build.schema.json")));
        Assert.False(File.Exists(Path.Combine(run.Root, ".nuke", "parameters.json")));
        Assert.False(Directory.Exists(Path.Combine(run.Root, "ci")));

        run.WriteFile("ci/Auto.txt", "edited by hand");
        Assert.Equal(0, run.Run(new Described(), ["Compile"], []));
        Assert.Contains("Configuration files for Auto have changed: ci/Auto.txt", run.Output);
        Assert.StartsWith("Compile|", File.ReadAllText(Path.Combine(run.Root, "ci", "Auto.txt")));
        Assert.False(File.Exists(Path.Combine(run.Root, ".nuke", "build.schema.json")));
    }

    static string Compact(JsonElement element) =>
        JsonSerializer.Serialize(element, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
