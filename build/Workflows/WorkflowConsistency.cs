namespace Workflows;

/// <summary>
/// Checks a workflow against the build it runs: every target and parameter it names exists, imported
/// secrets land in [Secret] parameters, and jobs only need jobs that exist. One line per problem.
/// </summary>
internal static class WorkflowConsistency
{
    public static IReadOnlyList<string> Problems(Workflow workflow, BuildDescription build)
    {
        var problems = new List<string>();
        var targets = build.Targets.Select(target => target.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = build.Parameters.ToDictionary(parameter => parameter.Name, StringComparer.Ordinal);
        var jobIds = workflow.Jobs.Select(job => job.Id).ToList();

        foreach (var duplicate in jobIds.GroupBy(id => id, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
            problems.Add($"job '{duplicate.Key}' is defined {duplicate.Count()} times");
        foreach (var job in workflow.Jobs)
        {
            foreach (var need in job.Needs.Where(need => !jobIds.Contains(need)))
                problems.Add($"job '{job.Id}' needs '{need}', which is not a job of this workflow");
            foreach (var step in job.Steps.OfType<BuildStep>())
            {
                foreach (var target in step.Targets.Where(target => !targets.Contains(target)))
                    problems.Add($"job '{job.Id}' runs target '{target}', which the build does not define (targets: {string.Join(", ", targets.Order())})");
                foreach (var name in step.Parameters.Keys.Concat(step.Secrets.Keys).Where(name => !parameters.ContainsKey(name)))
                    problems.Add($"job '{job.Id}' sets parameter '{name}', which the build does not define");
                foreach (var name in step.Secrets.Keys.Where(name => parameters.TryGetValue(name, out var parameter) && !parameter.IsSecret))
                    problems.Add($"job '{job.Id}' imports a secret into '{name}', which is not marked [Secret] (it would not be masked)");
            }
        }
        return problems;
    }

    public static void Check(string id, Workflow workflow, BuildDescription build)
    {
        var problems = Problems(workflow, build);
        if (problems.Count > 0) throw new BuildError($"{id}: {string.Join("; ", problems)}");
    }
}
