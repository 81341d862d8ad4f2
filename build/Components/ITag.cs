using GitHub;
using GitHub.Context;
using Metadata;
using Metadata.Input;
using Metadata.Output;
using Metadata.Versions;
using Versioning;

namespace Components;

/// <summary>
/// Tag: docker/metadata-action's tags, labels and annotations, computed in-process from the same inputs
/// (each array element is one line of the action's input) and published as its step outputs.
/// </summary>
interface ITag : IHazImage, IHazGitVersion
{
    /// <summary>
    /// The flavor with the default rules: they decide <c>latest</c> by rules of their own, so they run with
    /// <c>latest=false</c> unless a flavor line sets latest (else the action's <c>latest=auto</c> would move latest
    /// on every v* tag through the semver rules).
    /// </summary>
    static IReadOnlyList<string> FlavorFor(IReadOnlyList<string> flavor, bool defaultRules) =>
        defaultRules && !flavor.Any(line => CsvRecords.Fields(line).Any(field => field.Trim().StartsWith("latest=", StringComparison.OrdinalIgnoreCase)))
            ? [.. flavor, "latest=false"]
            : flavor;

    /// <summary>
    /// The rules used when --tags is not given. A build adds its own here (e.g. tags for the version the image holds); the
    /// default is <see cref="GenericTagRules.For"/>.
    /// </summary>
    IReadOnlyList<string> DefaultTagRules => DefaultTagRulesFor(GitHubContext);

    /// <summary>The rules for a run on this kind of ref; a build overrides this to add its own.</summary>
    IReadOnlyList<string> DefaultTagRulesFor(GitHubContext github) => GenericTagRules.For(github);

    /// <summary>
    /// Every rule a tag of this image can come from (--tags, else the rules of every kind of ref: a branch push, a
    /// pull request, a release tag and a detached checkout): Prune reads tags back through them.
    /// </summary>
    IReadOnlyList<string> PublishedTagRules => Tags is { } given
        ? ActionInputList.Parse(given)
        : [.. GenericTagRules.EveryKindOfRef.SelectMany(DefaultTagRulesFor).Distinct()];

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

    [Parameter("Tag rules, one metadata-action `tags` line each (default: the build's rules, see the README; empty: the action's defaults)")]
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
        .Resolves(ResolveTagInputsAsync)
        .Requires(() => TagInputsAreValid)
        // Pure and cheap: --continue recomputes the tags DockerBuildx and Merge need (skipping left them with none).
        .RerunOnContinue("the tags are computed again; they are not kept between runs")
        .Executes(async () =>
        {
            var environment = EnvironmentVariables;
            var inputs = TagInputs;
            var needsCommitDate = inputs.Tags.Concat(inputs.Labels).Concat(inputs.Annotations).Concat(inputs.Flavor).Any(line => line.Contains("commit_date"));
            var context = await MetadataContextSource.LoadAsync(GitHubContext, environment, GitHubToken, needsCommitDate);
            inputs = await ExpandBuildTemplatesAsync(inputs, context);
            var output = MetadataComputation.Compute(inputs, context);
            Results.Set(TagOutput, output);
            foreach (var warning in output.Warnings) Log.Warning(warning);
            if (output.Tags.Count == 0) Log.Warning("No Docker tag has been generated. Check tags input.");
            MetadataTable.Print(output);
            ReportSummary("Version", output.Version);
            PublishStepOutputs(output, inputs, environment, context.ExportsOutputVariables, TemporaryDirectory);
        });

    /// <summary>What the tag rules read that takes I/O: the GitHub context, and GitVersion when a rule names {{gitversion.*}}.</summary>
    async Task ResolveTagInputsAsync()
    {
        await ResolveGitHubContextAsync();
        if (ActionInputList.Parse(Tags ?? [.. DefaultTagRules]).Any(GitVersionTemplates.Uses)) await ResolveGitVersionAsync();
    }

    /// <summary>
    /// For <c>.Requires(() => TagInputsAreValid)</c>: images, tag rules, flavor and DOCKER_METADATA_SET_OUTPUT_ENV are parsed before any target runs,
    /// so an input the action rejects ends the build with its one line before anything starts.
    /// </summary>
    bool TagInputsAreValid
    {
        get
        {
            var inputs = TagInputs;
            if (EnvironmentVariables.GetValueOrDefault("DOCKER_METADATA_SET_OUTPUT_ENV") is { Length: > 0 } export) MetadataContext.ParseBool(export);
            return ImageInput.Parse(inputs.Images) is not null && TagRules.Parse(inputs.Tags) is not null
                && Metadata.Input.Flavor.Parse(inputs.Flavor) is not null;
        }
    }

    MetadataInputs TagInputs => new()
    {
        Images = ActionInputList.Parse(Images ?? [Image]),
        // Our addition: {{gitversion.<Variable>}} is filled in first; GitVersion runs only if a rule names it.
        Tags = ActionInputList.Parse(Tags ?? [.. DefaultTagRules]).Select(rule => GitVersionTemplates.Expand(rule, RequireGitVersion)).ToList(),
        Flavor = FlavorFor(ActionInputList.Parse(Flavor ?? []), defaultRules: Tags is null),
        Labels = ActionInputList.Parse(Labels ?? []),
        Annotations = ActionInputList.Parse(Annotations ?? []),
        SepTags = string.IsNullOrEmpty(SepTags) ? "\n" : SepTags,
        SepLabels = string.IsNullOrEmpty(SepLabels) ? "\n" : SepLabels,
        SepAnnotations = string.IsNullOrEmpty(SepAnnotations) ? "\n" : SepAnnotations,
        // Trimmed like every action input (the separators are not: the action reads them untrimmed).
        BakeTarget = string.IsNullOrWhiteSpace(BakeTarget) ? "docker-metadata-action" : BakeTarget.Trim(),
    };

    /// <summary>On GitHub Actions: the step outputs to $GITHUB_OUTPUT and DOCKER_METADATA_OUTPUT_* to $GITHUB_ENV.</summary>
    private static void PublishStepOutputs(MetadataOutput output, MetadataInputs inputs, IReadOnlyDictionary<string, string?> environment, bool exportVariables, string buildTemp)
    {
        var outputFile = environment.GetValueOrDefault("GITHUB_OUTPUT");
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
