using Metadata.Input;
using Metadata.Templates;

namespace Metadata;

/// <summary>The pure core: inputs and context in, tags, labels and annotations out (no I/O).</summary>
internal static class MetadataComputation
{
    public static MetadataOutput Compute(MetadataInputs inputs, MetadataContext context)
    {
        var warnings = ContextTemplates.ConstantBlockWarnings(inputs.Tags.Concat(inputs.Flavor).Concat(inputs.Labels).Concat(inputs.Annotations)).ToList();
        var images = ImageInput.EnabledNames(ImageInput.Parse(inputs.Images));
        var rules = TagRules.Parse(inputs.Tags);
        var flavor = Flavor.Parse(inputs.Flavor);
        var version = new TagRuleEvaluator(context, flavor, warnings.Add).Evaluate(rules);

        var actionNames = new List<string>();
        if (version.Main is { } main)
        {
            actionNames.Add(main);
            actionNames.AddRange(version.Partial);
            if (version.Latest)
                actionNames.Add(DockerTag.ReplaceInvalidCharacters(
                    (flavor.PrefixLatest ? flavor.Prefix : "") + "latest" + (flavor.SuffixLatest ? flavor.Suffix : "")));
        }
        var names = DockerTag.MakeValid(actionNames, warnings.Add);
        var tags = images.Count == 0 ? names : images.SelectMany(image => names.Select(name => $"{image}:{name}")).Distinct().ToList();

        var labels = OciLabels.Compute(context, version.Main, inputs.Labels).Select(p => $"{p.Key}={p.Value}").ToList();
        var annotations = inputs.Annotations.SequenceEqual(inputs.Labels)
            ? labels
            : OciLabels.Compute(context, version.Main, inputs.Annotations).Select(p => $"{p.Key}={p.Value}").ToList();
        return new MetadataOutput
        {
            Version = version.Main ?? "",
            PartialVersions = version.Partial,
            Latest = version.Latest,
            Tags = tags,
            TagNames = names,
            Images = images,
            Labels = labels,
            AnnotationEntries = annotations,
            AnnotationLevels = context.AnnotationLevels,
            Annotations = WithLevels(annotations, context.AnnotationLevels),
            Warnings = warnings,
        };
    }

    public static IReadOnlyList<string> WithLevels(IReadOnlyList<string> annotations, IEnumerable<string> levels) =>
        levels.SelectMany(level => annotations.Select(annotation => $"{level}:{annotation}")).ToList();
}
