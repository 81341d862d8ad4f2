namespace Workflows;

/// <summary>
/// Writes a <see cref="Workflow"/> as YAML: keys in a fixed order (GitHub's documentation order), a blank line
/// between top-level sections and between jobs, and the header as comments. Pure: same model, same text.
/// </summary>
internal static class WorkflowYamlWriter
{
    public static string Write(Workflow workflow, IReadOnlyList<string> header)
    {
        var yaml = new YamlEventWriter();
        foreach (var line in header) yaml.Comment(line);
        yaml.Map(() =>
        {
            yaml.Entry("name", workflow.Name);
            yaml.Key("on");
            WriteTriggers(yaml, workflow.On);
            WritePermissions(yaml, workflow.Permissions);
            WriteConcurrency(yaml, workflow.Concurrency);
            yaml.Entries("env", workflow.Env);
            yaml.Key("jobs");
            yaml.Map(() => workflow.Jobs.ForEach(job => WriteJob(yaml, job)));
        });
        return SeparateSections(yaml.Finish());
    }

    static void WriteTriggers(YamlEventWriter yaml, WorkflowTriggers on)
    {
        if (on.IsEmpty) throw new InvalidOperationException("a workflow needs at least one trigger");
        yaml.Map(() =>
        {
            WriteFilter(yaml, "push", on.Push);
            WriteFilter(yaml, "pull_request", on.PullRequest);
            if (on.WorkflowDispatch)
            {
                yaml.Key("workflow_dispatch");
                if (on.DispatchInputs.Count == 0) yaml.EmptyMap();
                else yaml.Map(() =>
                {
                    yaml.Key("inputs");
                    yaml.Map(() => on.DispatchInputs.ForEach(input =>
                    {
                        yaml.Key(input.Name);
                        yaml.Map(() =>
                        {
                            yaml.Entry("description", input.Description);
                            if (input.Required is { } required) yaml.Entry("required", required);
                            if (input.Type is { } type) yaml.Entry("type", type);
                            if (input.Default is { } value) yaml.Entry("default", value);
                        });
                    }));
                });
            }
            if (on.Schedules.Count > 0)
            {
                yaml.Key("schedule");
                yaml.List(on.Schedules, cron => yaml.Map(() => yaml.Entry("cron", cron)));
            }
        });
    }

    static void WriteFilter(YamlEventWriter yaml, string trigger, TriggerFilter? filter)
    {
        if (filter is null) return;
        yaml.Key(trigger);
        (string Key, List<string> Values)[] lists =
            [("types", filter.Types), ("branches", filter.Branches), ("branches-ignore", filter.BranchesIgnore),
             ("tags", filter.Tags), ("tags-ignore", filter.TagsIgnore), ("paths", filter.Paths)];
        var present = lists.Where(list => list.Values.Count > 0).ToList();
        if (present.Count == 0)
        {
            yaml.EmptyMap();
            return;
        }
        yaml.Map(() => present.ForEach(list =>
        {
            yaml.Key(list.Key);
            yaml.Strings(list.Values);
        }));
    }

    static void WritePermissions(YamlEventWriter yaml, Permissions? permissions)
    {
        if (permissions is null) return;
        yaml.Key("permissions");
        if (permissions.IsEmpty)
        {
            yaml.EmptyMap(); // "permissions: {}" = no scopes at all, which differs from leaving it out
            return;
        }
        yaml.Map(() =>
        {
            foreach (var (scope, level) in permissions.Entries)
                yaml.Entry(Permissions.ScopeName(scope), Permissions.LevelName(level));
        });
    }

    static void WriteConcurrency(YamlEventWriter yaml, Concurrency? concurrency)
    {
        if (concurrency is null) return;
        yaml.Key("concurrency");
        yaml.Map(() =>
        {
            yaml.Entry("group", concurrency.Group);
            yaml.Key("cancel-in-progress");
            yaml.Value(concurrency.CancelInProgressIf is { } condition
                ? WorkflowValue.String($"${{{{ {condition} }}}}")
                : concurrency.CancelInProgress);
        });
    }

    static void WriteJob(YamlEventWriter yaml, WorkflowJob job)
    {
        yaml.Key(job.Id);
        yaml.Map(() =>
        {
            if (job.Name is { } name) yaml.Entry("name", name);
            WriteOneOrList(yaml, "needs", job.Needs);
            if (job.If is { } condition) yaml.Entry("if", condition);
            if (job.RunsOn.Count == 0) throw new InvalidOperationException($"job '{job.Id}' has no runs-on label");
            WriteOneOrList(yaml, "runs-on", job.RunsOn);
            WritePermissions(yaml, job.Permissions);
            WriteEnvironment(yaml, job.Environment);
            WriteConcurrency(yaml, job.Concurrency);
            if (job.TimeoutMinutes is { } minutes) yaml.Entry("timeout-minutes", minutes);
            WriteStrategy(yaml, job.Strategy);
            yaml.Entries("outputs", job.Outputs.Select(output => new KeyValuePair<string, WorkflowValue>(output.Key, output.Value)));
            yaml.Entries("env", job.Env);
            yaml.Key("steps");
            yaml.List(job.Steps, step => WriteStep(yaml, step));
        });
    }

    static void WriteOneOrList(YamlEventWriter yaml, string key, List<string> values)
    {
        if (values.Count == 0) return;
        yaml.Key(key);
        if (values.Count == 1) yaml.Value(values[0]);
        else yaml.Strings(values);
    }

    static void WriteEnvironment(YamlEventWriter yaml, JobEnvironment? environment)
    {
        if (environment is null) return;
        yaml.Key("environment");
        if (environment.Url is null) yaml.Value(environment.Name);
        else yaml.Map(() =>
        {
            yaml.Entry("name", environment.Name);
            yaml.Entry("url", environment.Url);
        });
    }

    static void WriteStrategy(YamlEventWriter yaml, JobStrategy? strategy)
    {
        if (strategy is null) return;
        yaml.Key("strategy");
        yaml.Map(() =>
        {
            if (strategy.FailFast is { } failFast) yaml.Entry("fail-fast", failFast);
            if (strategy.MaxParallel is { } maxParallel) yaml.Entry("max-parallel", maxParallel);
            if (strategy.MatrixInclude.Count == 0) return;
            yaml.Key("matrix");
            yaml.Map(() =>
            {
                yaml.Key("include");
                yaml.List(strategy.MatrixInclude, entry => yaml.Map(() =>
                {
                    foreach (var (key, value) in entry) yaml.Entry(key, value);
                }));
            });
        });
    }

    static void WriteStep(YamlEventWriter yaml, WorkflowStep step) => yaml.Map(() =>
    {
        if (step.Name is { } name) yaml.Entry("name", name);
        if (step.Id is { } id) yaml.Entry("id", id);
        if (step.If is { } condition) yaml.Entry("if", condition);
        switch (step)
        {
            case ActionStep action:
                yaml.Entry("uses", action.Action.Reference);
                yaml.InlineComment(action.Action.Version);
                yaml.Entries("with", action.With);
                yaml.Entries("env", action.Env);
                break;
            case BuildStep build:
                yaml.Entry("run", build.Command);
                yaml.Entries("env", build.AllEnv());
                break;
            case RunStep run:
                yaml.Entry("run", run.Command);
                yaml.Entries("env", run.Env);
                break;
            default:
                throw new InvalidOperationException($"unknown step type {step.GetType().Name}");
        }
    });

    /// <summary>Blank lines before each top-level key and each job but the first: YAML-neutral, easier to read.</summary>
    static string SeparateSections(string text)
    {
        var lines = text.Split('\n');
        var output = new List<string>(lines.Length + 16);
        var (seenTopLevel, inJobs, seenJob) = (false, false, false);
        foreach (var line in lines)
        {
            var isTopLevelKey = line.Length > 0 && line[0] != ' ' && line[0] != '#';
            var isJobKey = inJobs && line.Length > 2 && line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ';
            if (isTopLevelKey)
            {
                if (output.Count > 0) output.Add(""); // after the header, then between sections
                seenTopLevel = true;
                inJobs = line == "jobs:";
            }
            else if (isJobKey)
            {
                if (seenJob) output.Add("");
                seenJob = true;
            }
            output.Add(line);
        }
        return string.Join('\n', output);
    }
}
