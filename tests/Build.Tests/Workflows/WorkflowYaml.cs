using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>Small workflows to write, and a reader to check what a YAML parser makes of the text.</summary>
static class WorkflowYaml
{
    public static Workflow Minimal(Action<WorkflowJob>? job = null)
    {
        var workflow = new Workflow("test");
        workflow.On.WorkflowDispatch = true;
        var only = new WorkflowJob("job") { RunsOn = ["ubuntu-24.04"] };
        only.Steps.Add(new BuildStep { Targets = ["Compile"] });
        job?.Invoke(only);
        workflow.Jobs.Add(only);
        return workflow;
    }

    public static string Write(Workflow workflow) => WorkflowYamlWriter.Write(workflow, []);

    public static YamlMappingNode Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode At(this YamlNode node, params object[] path) =>
        path.Aggregate(node, (current, key) => key switch
        {
            int index => ((YamlSequenceNode)current).Children[index],
            string name => ((YamlMappingNode)current).Children[new YamlScalarNode(name)],
            _ => throw new ArgumentException(key.ToString()),
        });

    public static string Text(this YamlNode node) => ((YamlScalarNode)node).Value!;

    /// <summary>The text between the line starting with <paramref name="from"/> and the next line indented as little.</summary>
    public static string Block(string yaml, string from)
    {
        var lines = yaml.Split('\n');
        var start = Array.FindIndex(lines, line => line.TrimStart().StartsWith(from, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no line starts with '{from}' in:\n{yaml}");
        var indent = lines[start].Length - lines[start].TrimStart().Length;
        var end = start + 1;
        while (end < lines.Length && (lines[end].Length == 0 ? end + 1 < lines.Length && Indent(lines[end + 1]) > indent : Indent(lines[end]) > indent)) end++;
        return string.Join('\n', lines[start..end].Select(line => line.Length >= indent ? line[indent..] : line)).TrimEnd('\n') + "\n";
    }

    static int Indent(string line) => line.Length - line.TrimStart().Length;
}
