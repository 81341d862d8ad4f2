using System.Reflection;

namespace Engine;

/// <summary>The files a run keeps up to date: the schema, CI configurations, the HTML plan.</summary>
sealed partial class BuildRun
{
    void WriteSchema(NukeBuild build)
    {
        var nuke = Path.Combine(build.RootDirectory, ".nuke");
        FileUpdate.Write(Path.Combine(nuke, "build.schema.json"), BuildSchema.Render(targets, parameters, Hosts));
        var defaults = Path.Combine(nuke, "parameters.json");
        if (!File.Exists(defaults)) FileUpdate.Write(defaults, "{\n  \"$schema\": \"./build.schema.json\"\n}\n");
    }

    /// <summary>--generate-configuration &lt;Id&gt;: writes that generator's files and ends the run.</summary>
    int GenerateConfiguration(NukeBuild build, string id)
    {
        var generators = Generators(build).ToList();
        var generator = generators.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new BuildError($"No configuration with id '{id}'. Available: {(generators.Count > 0 ? string.Join(", ", generators.Select(g => g.Id)) : "<none>")}.");
        foreach (var file in Write(build, generator))
            Log.Information($"Updated {file}");
        return 0;
    }

    /// <summary>Local runs refresh every AutoGenerate configuration, as NUKE does, and say which changed.</summary>
    void RegenerateConfigurations(NukeBuild build)
    {
        foreach (var generator in Generators(build).Where(g => g.AutoGenerate))
        {
            try
            {
                var changed = Write(build, generator);
                if (changed.Count > 0) Log.Warning($"Configuration files for {generator.Id} have changed: {string.Join(", ", changed)}");
            }
            catch (Exception e) when (e is BuildError or IOException)
            {
                Log.Warning($"Could not generate configuration {generator.Id}: {e.Message}");
            }
        }
    }

    List<string> Write(NukeBuild build, ConfigurationAttributeBase generator)
    {
        var changed = new List<string>();
        foreach (var file in generator.Generate(Describe(build)))
            if (FileUpdate.Write(Path.Combine(build.RootDirectory, file.RelativePath), file.Content))
                changed.Add(file.RelativePath);
        return changed;
    }

    static IEnumerable<ConfigurationAttributeBase> Generators(NukeBuild build) =>
        build.GetType().GetCustomAttributes<ConfigurationAttributeBase>(inherit: true);

    BuildDescription Describe(NukeBuild build) => new(
        build.GetType(),
        build.RootDirectory,
        targets.Select(t => new TargetDescription(t.Name, t.Description, t.ExecutionDependencies.Select(d => d.Name).ToList(), t.Unlisted, t.IsDefault)).ToList(),
        parameters.Select(p => new ParameterDescription(p.Name, p.Description, p.Type, p.IsSecret)).ToList());

    /// <summary>--plan: the ordered plan with reasons in the terminal, and the graph as a self-contained HTML page.</summary>
    int ShowPlan(NukeBuild build, IReadOnlyList<ExecutableTarget> plan)
    {
        foreach (var line in PlanView.Lines(plan)) Log.Raw(line);
        var file = Path.Combine(build.TemporaryDirectory, "execution-plan.html");
        FileUpdate.Write(file, PlanView.Html(targets, plan));
        Log.Raw("");
        // NUKE opens a browser here; we never do (CI machines and containers have no display).
        Log.Raw($"Execution plan graph: {file}");
        return 0;
    }
}
