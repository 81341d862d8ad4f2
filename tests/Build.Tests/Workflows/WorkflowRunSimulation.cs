using System.Text.RegularExpressions;
using Build.Tests.Components;
using Build.Tests.Git;
using Build.Tests.Metadata;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>
/// A committed workflow run as a runner runs it, job by job in the order of `needs`: each matrix entry in a fresh
/// full checkout with its own runner temp, the job's and steps' `if:` evaluated (a job whose needed job did not
/// succeed is skipped unless its `if:` has a status function), every `run: ./build.cmd ...` step
/// through the compiled build with the step's `env:` (expressions filled in) and its own $GITHUB_OUTPUT, and the
/// artifact steps carried between jobs as files. Other actions (setup, caches, cosign install, attest) are not run:
/// the build finds what they provide on this machine; an unknown one fails the simulation.
/// </summary>
sealed class WorkflowRunSimulation(YamlMappingNode workflow, TemporaryGitRepository source, string checkout, string workDirectory)
{
    static readonly string[] ProvidedByTheMachine =
        ["actions/checkout", "actions/setup-dotnet", "actions/cache", "docker/setup-buildx-action", "crazy-max/ghaction-github-runtime", "sigstore/cosign-installer", "actions/attest"];

    readonly Dictionary<string, string> artifacts = new();

    /// <summary>The run's variables (GITHUB_*, the repository's variables); secrets for ${{ secrets.* }}.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required IReadOnlyDictionary<string, string> Secrets { get; init; }

    /// <summary>Every job's step outputs, by job id and step id, and each build step's log.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string>>> Outputs { get; } = new();
    public List<string> Logs { get; } = [];

    /// <summary>Each job's result as `needs.&lt;id&gt;.result` reads it: success or skipped (a failing step fails the test).</summary>
    public Dictionary<string, string> Results { get; } = new();

    /// <summary>Each job's outputs (its `outputs:` with the step outputs filled in), as `needs.&lt;id&gt;.outputs.&lt;name&gt;` reads them.</summary>
    public Dictionary<string, Dictionary<string, string>> JobOutputs { get; } = new();

    public async Task RunAsync()
    {
        foreach (var (key, job) in ((YamlMappingNode)workflow.At("jobs")).Children)
        {
            var id = ((YamlScalarNode)key).Value!;
            var jobMapping = (YamlMappingNode)job;
            var needs = jobMapping.Children.TryGetValue("needs", out var needed)
                ? needed is YamlSequenceNode list ? list.Children.Select(n => n.Text()).ToList() : [needed.Text()] : [];
            var condition = jobMapping.Children.TryGetValue("if", out var written) ? written.Text() : null;
            // GitHub's implicit success(): without a status function, a job runs only when every job it needs succeeded.
            var statusFunction = condition is not null && Regex.IsMatch(condition, @"\b(always|cancelled|failure|success)\(\)");
            if ((!statusFunction && needs.Any(n => Results[n] != "success")) || (condition is not null && !Evaluate(condition, new())))
            {
                Results[id] = "skipped";
                JobOutputs[id] = new();
                continue;
            }
            var entries = jobMapping.Children.TryGetValue("strategy", out var strategy)
                ? ((YamlSequenceNode)strategy.At("matrix", "include")).Children.Cast<YamlMappingNode>()
                    .Select(entry => entry.Children.ToDictionary(p => p.Key.Text(), p => p.Value.Text())).ToList()
                : [new Dictionary<string, string>()];
            foreach (var matrix in entries) await RunJobAsync(id, jobMapping, matrix);
            Results[id] = "success";
            JobOutputs[id] = jobMapping.Children.TryGetValue("outputs", out var outputs)
                ? ((YamlMappingNode)outputs).Children.ToDictionary(o => o.Key.Text(), o => Expressions.Replace(o.Value.Text(), m =>
                    m.Groups[1].Value.Split('.') is ["steps", var step, "outputs", var name] && Outputs[id].TryGetValue(step, out var values)
                        ? values.GetValueOrDefault(name, "") : ""))
                : new();
        }
    }

    async Task RunJobAsync(string id, YamlMappingNode job, Dictionary<string, string> matrix)
    {
        using var clone = TemporaryGitRepository.FullCheckout(source, checkout);
        var runnerTemp = Path.Combine(workDirectory, $"runner-{id}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(runnerTemp);
        var steps = Outputs[id] = new();
        foreach (var step in ((YamlSequenceNode)job.At("steps")).Children.Cast<YamlMappingNode>())
        {
            if (step.Children.TryGetValue("if", out var condition) && !Evaluate(condition.Text(), steps)) continue;
            string Fill(string text) => Expressions.Replace(text, m => m.Groups[1].Value switch
            {
                var name when name.StartsWith("matrix.") => matrix[name["matrix.".Length..]],
                "runner.temp" => runnerTemp,
                var name when name.StartsWith("secrets.") => Secrets[name["secrets.".Length..]],
                var name => throw new InvalidOperationException($"The simulation cannot evaluate ${{{{ {name} }}}}"),
            });
            string? With(string name) => step.Children.TryGetValue("with", out var with) && ((YamlMappingNode)with).Children.TryGetValue(name, out var value) ? Fill(value.Text()) : null;
            if (step.Children.TryGetValue("run", out var run))
            {
                var outputFile = Path.Combine(runnerTemp, $"output-{steps.Count}");
                File.WriteAllText(outputFile, "");
                var environment = new Dictionary<string, string>(Environment)
                {
                    ["RUNNER_TEMP"] = runnerTemp, ["GITHUB_OUTPUT"] = outputFile, ["GITHUB_STEP_SUMMARY"] = Path.Combine(runnerTemp, "summary.md"),
                };
                if (step.Children.TryGetValue("env", out var env))
                    foreach (var (name, value) in ((YamlMappingNode)env).Children) environment[name.Text()] = Fill(value.Text());
                var command = run.Text().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal("./build.cmd", command[0]);
                var (exitCode, output) = await BuildProcess.RunAsync(clone.Path, environment, command[1..]);
                Logs.Add(output);
                Assert.True(exitCode == 0, $"job {id} {string.Join(",", matrix.Values)}: {run.Text()}\n{output}");
                steps[step.Children.TryGetValue("id", out var stepId) ? stepId.Text() : $"step{steps.Count}"] = TagProcessTests.ReadStepFile(outputFile);
                continue;
            }
            var uses = step.At("uses").Text().Split('@')[0];
            if (uses == "actions/upload-artifact")
                artifacts[With("name")!] = CopyDirectory(With("path")!, Path.Combine(workDirectory, "artifacts", With("name")!));
            else if (uses == "actions/download-artifact")
            {
                var pattern = new Regex("^" + Regex.Escape(With("pattern")!).Replace("\\*", ".*") + "$");
                foreach (var (name, directory) in artifacts.Where(a => pattern.IsMatch(a.Key)))
                    CopyDirectory(directory, With("merge-multiple") == "true" ? With("path")! : Path.Combine(With("path")!, name));
            }
            else Assert.Contains(uses, ProvidedByTheMachine);
        }
    }

    static readonly Regex Expressions = new(@"\$\{\{\s*(.+?)\s*\}\}");

    /// <summary>
    /// GitHub's expression subset the generated workflows use: `a == 'x'`, `a != 'x'`, a bare operand (truthy when
    /// neither empty nor 'false'), `&amp;&amp;`, `||` and parentheses, over github.event_name, github.repository,
    /// github.event.*, inputs.* (empty outside a dispatch), steps.&lt;id&gt;.outputs.&lt;name&gt;,
    /// needs.&lt;id&gt;.outputs.&lt;name&gt;, needs.&lt;id&gt;.result and `!cancelled()` (nothing is cancelled here).
    /// </summary>
    bool Evaluate(string condition, Dictionary<string, Dictionary<string, string>> steps)
    {
        condition = condition.Trim();
        if (TopLevel(condition, "||") is { Count: > 1 } any) return any.Any(part => Evaluate(part, steps));
        if (TopLevel(condition, "&&") is { Count: > 1 } all) return all.All(part => Evaluate(part, steps));
        if (condition.StartsWith('(') && condition.EndsWith(')')) return Evaluate(condition[1..^1], steps);
        if (condition == "!cancelled()") return true;
        string Value(string operand) => operand switch
        {
            ['\'', .., '\''] => operand[1..^1],
            "github.event_name" => Environment["GITHUB_EVENT_NAME"],
            "github.repository" => Environment["GITHUB_REPOSITORY"],
            _ when operand.StartsWith("github.event.") || operand.StartsWith("inputs.") => "",
            _ when operand.Split('.') is ["steps", var step, "outputs", var name] =>
                steps.TryGetValue(step, out var outputs) && outputs.TryGetValue(name, out var value) ? value : "",
            _ when operand.Split('.') is ["needs", var job, "outputs", var name] => JobOutputs[job].GetValueOrDefault(name, ""),
            _ when operand.Split('.') is ["needs", var job, "result"] => Results[job],
            _ => throw new InvalidOperationException($"The simulation cannot evaluate '{operand}'"),
        };
        var match = Regex.Match(condition, @"^(\S+) (==|!=) (\S+)$");
        if (!match.Success) return Value(condition) is { Length: > 0 } bare && bare != "false";
        return (Value(match.Groups[1].Value) == Value(match.Groups[3].Value)) == (match.Groups[2].Value == "==");
    }

    /// <summary>The parts of <paramref name="text"/> between top-level (outside parentheses and quotes) <paramref name="op"/>s.</summary>
    static List<string> TopLevel(string text, string op)
    {
        var parts = new List<string>();
        var (depth, quoted, from) = (0, false, 0);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'') quoted = !quoted;
            else if (!quoted && text[i] == '(') depth++;
            else if (!quoted && text[i] == ')') depth--;
            else if (!quoted && depth == 0 && string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                parts.Add(text[from..i]);
                from = i + op.Length;
                i += op.Length - 1;
            }
        }
        parts.Add(text[from..]);
        return parts;
    }

    static string CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (Directory.Exists(from))
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        return to;
    }
}
