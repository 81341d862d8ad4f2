using GitHub.Context;
using Metadata;
using Metadata.Input;
using Metadata.Output;
using Versioning;

namespace Components;

/// <summary>
/// Tag: docker/metadata-action's tags, labels and annotations, computed in-process from the same inputs
/// (each array element is one line of the action's input) and published as its step outputs.
/// </summary>
interface ITag : IHazImage, IHazGitVersion
{
    /// <summary>The seed workflow's rules: branch, PR, sha prefixed by the branch, latest on the default branch.</summary>
    static readonly string[] SeedTags =
        ["type=ref,event=branch", "type=ref,event=pr", "type=sha,prefix={{branch}}-", "type=raw,value=latest,enable={{is_default_branch}}"];

    /// <summary>
    /// The seed's rules, except on pull requests: there {{branch}} is empty, so the sha rule would push a bare sha
    /// tag (with a warning); a PR gets pr-&lt;N&gt; and pr-&lt;N&gt;-&lt;sha7&gt; instead.
    /// </summary>
    static string[] DefaultTags(bool pullRequest) =>
        pullRequest ? SeedTags.Select(rule => rule == "type=sha,prefix={{branch}}-" ? "type=ref,event=pr,suffix=-{{sha}}" : rule).ToArray() : SeedTags;

    /// <summary>
    /// The rules used when --tags is not given. A build adds its own here (the MLflow build: version tags); the
    /// default is <see cref="DefaultTags"/>.
    /// </summary>
    IReadOnlyList<string> DefaultTagRules => DefaultTags(LoadGitHubContext().IsPullRequest);

    /// <summary>
    /// A build's own templates, filled into the rules, labels and annotations before metadata-action's (as
    /// {{gitversion.*}} is); may read the registry. Default: none.
    /// </summary>
    Task<MetadataInputs> ExpandBuildTemplatesAsync(MetadataInputs inputs, MetadataContext context) => Task.FromResult(inputs);

    /// <summary>
    /// What org.opencontainers.image.version says on the image and in the summary: the version of what the image
    /// holds, when the build knows it better than the git ref (null: metadata-action's version).
    /// </summary>
    string? ImageVersion => null;

    [Parameter("Images, one metadata-action `images` line each (default: <Registry>/<ImageName>; empty: bare tag names)")]
    string[]? Images => TryGetValue(() => Images);

    [Parameter("Tag rules, one metadata-action `tags` line each (default: the build's rules, see README \"Tag\" and \"MLflow versions\"; empty: the action's defaults)")]
    string[]? Tags => TryGetValue(() => Tags);

    [Parameter("Flavor lines (latest=auto|true|false, prefix=, suffix=, onlatest=)")]
    string[]? Flavor => TryGetValue(() => Flavor);

    [Parameter("Extra labels, key=value per line (templates allowed)")]
    string[]? Labels => TryGetValue(() => Labels);

    [Parameter("Extra annotations, key=value per line (templates allowed)")]
    string[]? Annotations => TryGetValue(() => Annotations);

    [Parameter("Separator of the tags output (default newline)")]
    string? SepTags => TryGetValue(() => SepTags);

    [Parameter("Separator of the labels output (default newline)")]
    string? SepLabels => TryGetValue(() => SepLabels);

    [Parameter("Separator of the annotations output (default newline)")]
    string? SepAnnotations => TryGetValue(() => SepAnnotations);

    [Parameter("Target name in the bake-file outputs (default docker-metadata-action)")]
    string? BakeTarget => TryGetValue(() => BakeTarget);

    /// <summary>Tag's result: the tags, labels and annotations DockerBuildx, Merge, CleanStaging and Summary use.</summary>
    static readonly Result<MetadataOutput> TagOutput = new(nameof(Tag), "tags, labels and annotations");

    Target Tag => _ => _
        .Description("Computes image tags, labels and annotations (docker/metadata-action rules, Docker-valid tags)")
        .Requires(() => TagInputsAreValid)
        // Pure and cheap: --continue recomputes the tags DockerBuildx and Merge need (skipping left them with none).
        .RerunOnContinue("the tags are computed again; they are not kept between runs")
        .Executes(async () =>
        {
            var environment = EnvironmentVariables;
            var inputs = TagInputs;
            var needsCommitDate = inputs.Tags.Concat(inputs.Labels).Concat(inputs.Annotations).Concat(inputs.Flavor).Any(line => line.Contains("commit_date"));
            var context = await MetadataContextSource.LoadAsync(LoadGitHubContext(), environment, needsCommitDate);
            inputs = await ExpandBuildTemplatesAsync(inputs, context);
            var output = MetadataComputation.Compute(inputs, context);
            Results.Set(TagOutput, output);
            foreach (var warning in output.Warnings) Log.Warning(warning);
            if (output.Tags.Count == 0) Log.Warning("No Docker tag has been generated. Check tags input.");
            MetadataTable.Print(output);
            ReportSummary("Version", output.Version);
            PublishStepOutputs(output, inputs, environment, TemporaryDirectory);
        });

    /// <summary>
    /// For <c>.Requires(() => TagInputsAreValid)</c>: images, tag rules and flavor are parsed before any target runs,
    /// so an input the action rejects ends the build with its one line before anything starts.
    /// </summary>
    bool TagInputsAreValid
    {
        get
        {
            var inputs = TagInputs;
            return ImageInput.Parse(inputs.Images) is not null && TagRules.Parse(inputs.Tags) is not null
                && Metadata.Input.Flavor.Parse(inputs.Flavor) is not null;
        }
    }

    MetadataInputs TagInputs => new()
    {
        Images = ActionInputList.Parse(Images ?? [Image]),
        // Our addition: {{gitversion.<Variable>}} is filled in first; GitVersion runs only if a rule names it.
        Tags = ActionInputList.Parse(Tags ?? [.. DefaultTagRules]).Select(rule => GitVersionTemplates.Expand(rule, RequireGitVersion)).ToList(),
        Flavor = ActionInputList.Parse(Flavor ?? []),
        Labels = ActionInputList.Parse(Labels ?? []),
        Annotations = ActionInputList.Parse(Annotations ?? []),
        SepTags = string.IsNullOrEmpty(SepTags) ? "\n" : SepTags,
        SepLabels = string.IsNullOrEmpty(SepLabels) ? "\n" : SepLabels,
        SepAnnotations = string.IsNullOrEmpty(SepAnnotations) ? "\n" : SepAnnotations,
        BakeTarget = string.IsNullOrEmpty(BakeTarget) ? "docker-metadata-action" : BakeTarget,
    };

    /// <summary>On GitHub Actions: the step outputs to $GITHUB_OUTPUT and DOCKER_METADATA_OUTPUT_* to $GITHUB_ENV.</summary>
    private static void PublishStepOutputs(MetadataOutput output, MetadataInputs inputs, IReadOnlyDictionary<string, string?> environment, string buildTemp)
    {
        var outputFile = environment.GetValueOrDefault("GITHUB_OUTPUT");
        // DOCKER_METADATA_SET_OUTPUT_ENV=false turns the DOCKER_METADATA_OUTPUT_* variables off, as in the action.
        var exportVariables = environment.GetValueOrDefault("DOCKER_METADATA_SET_OUTPUT_ENV") is not { Length: > 0 } set
            || set.Contains("true", StringComparison.OrdinalIgnoreCase);
        var environmentFile = exportVariables ? environment.GetValueOrDefault("GITHUB_ENV") : null;
        if (string.IsNullOrEmpty(outputFile) && string.IsNullOrEmpty(environmentFile)) return;
        // Under the run's temp folder (RUNNER_TEMP is emptied after each job), never litter in /tmp; later steps read the files.
        var bakeDirectory = Path.Combine(environment.GetValueOrDefault("RUNNER_TEMP") is { Length: > 0 } runnerTemp ? runnerTemp : buildTemp, "docker-metadata-action");
        Directory.CreateDirectory(bakeDirectory);
        var values = ActionOutputs.Render(output, inputs, (name, content) =>
        {
            var path = Path.Combine(bakeDirectory, name.Length == 0 ? "docker-metadata-action-bake.json" : $"docker-metadata-action-bake-{name}.json");
            File.WriteAllText(path, content);
            return path;
        });
        if (!string.IsNullOrEmpty(outputFile)) StepOutputFile.Append(outputFile, values);
        if (!string.IsNullOrEmpty(environmentFile))
            StepOutputFile.Append(environmentFile, values.Select(v => KeyValuePair.Create(ActionOutputs.EnvironmentName(v.Key), v.Value)));
    }
}
