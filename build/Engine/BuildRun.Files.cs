using System.Reflection;

namespace Engine;

/// <summary>The files a run keeps up to date: the schema, CI configurations, the HTML plan.</summary>
sealed partial class BuildRun
{
    /// <summary>
    /// Local runs keep the schema and the AutoGenerate CI files current. They depend only on the compiled build,
    /// so a stamp (build identity, then each file's size and time) lets a warm start skip rendering them.
    /// Files are created only in the repository holding the build project (<paramref name="create"/>); a root
    /// elsewhere (--root) only gets the ones it already has refreshed, so a build pointed at another checkout
    /// does not add this repository's files to it.
    /// </summary>
    void RefreshGeneratedFiles(NukeBuild build, bool create)
    {
        var nuke = Path.Combine(build.RootDirectory, ".nuke");
        var defaults = Path.Combine(nuke, "parameters.json");
        if (create && !File.Exists(defaults)) FileUpdate.Write(defaults, "{\n  \"$schema\": \"./build.schema.json\"\n}\n");

        var stamp = Path.Combine(build.TemporaryDirectory, "generated.stamp");
        // The engine renders them too: a change to it alone (its own assembly) must refresh them as well.
        var identity = $"{build.GetType().FullName} {build.GetType().Module.ModuleVersionId} {typeof(BuildRun).Module.ModuleVersionId}";
        if (create && File.Exists(stamp) && File.ReadAllLines(stamp) is [var first, .. var files] && first == identity && files.All(f => Describe(f.Split('\t')[0]) == f))
            return;
        var schema = Path.Combine(nuke, "build.schema.json");
        if (create || File.Exists(schema)) FileUpdate.Write(schema, BuildSchema.Render(targets, parameters, Hosts));
        var written = RegenerateConfigurations(build, create).Prepend(schema);
        if (create) FileUpdate.Write(stamp, string.Join("\n", written.Select(Describe).Prepend(identity)) + "\n");
    }

    static string Describe(string file) => File.Exists(file) ? $"{file}\t{new FileInfo(file).Length}\t{File.GetLastWriteTimeUtc(file).Ticks}" : $"{file}\tmissing";

    /// <summary>--generate-configuration &lt;Id&gt;: writes that generator's files and ends the run.</summary>
    int GenerateConfiguration(NukeBuild build, string id)
    {
        var generators = Generators(build).ToList();
        var generator = generators.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new BuildError($"No configuration with id '{id}'. Available: {(generators.Count > 0 ? string.Join(", ", generators.Select(g => g.Id)) : "<none>")}.");
        var written = new List<string>();
        var changed = Write(build, generator, written);
        foreach (var file in changed)
            Log.Information($"Updated {file}");
        foreach (var file in written.Select(f => Path.GetRelativePath(build.RootDirectory, f)).Except(changed))
            Log.Information($"Up to date: {file}");
        return 0;
    }

    /// <summary>Refreshes every AutoGenerate configuration, as NUKE does, says which changed; returns the files' paths.</summary>
    List<string> RegenerateConfigurations(NukeBuild build, bool create)
    {
        var files = new List<string>();
        foreach (var generator in Generators(build).Where(g => g.AutoGenerate))
        {
            try
            {
                var changed = Write(build, generator, files, create);
                if (changed.Count > 0) Log.Warning($"Configuration files for {generator.Id} have changed: {string.Join(", ", changed)}");
            }
            catch (Exception e) when (e is BuildError or IOException)
            {
                Log.Warning($"Could not generate configuration {generator.Id}: {e.Message}");
            }
        }
        return files;
    }

    /// <summary>Writes a generator's files; returns the ones whose content changed (root-relative).</summary>
    List<string> Write(NukeBuild build, ConfigurationAttributeBase generator, List<string>? written = null, bool create = true)
    {
        var changed = new List<string>();
        foreach (var file in generator.Generate(Describe(build)))
        {
            var path = Path.Combine(build.RootDirectory, file.RelativePath);
            written?.Add(path);
            if ((create || File.Exists(path)) && FileUpdate.Write(path, file.Content)) changed.Add(file.RelativePath);
        }
        return changed;
    }

    static IEnumerable<ConfigurationAttributeBase> Generators(NukeBuild build) =>
        build.GetType().GetCustomAttributes<ConfigurationAttributeBase>(inherit: true);

    BuildDescription Describe(NukeBuild build) => new(
        build.GetType(),
        build.RootDirectory,
        targets.Select(t => new TargetDescription(t.Name, t.Description, t.ExecutionDependencies.Select(d => d.Name).ToList(), t.Unlisted, t.IsDefault) { Produces = t.Produces }).ToList(),
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
