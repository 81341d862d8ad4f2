using Docker;
using Metadata;
using GitHub.Context;
using Publishing;
using Versioning;

namespace Components;

/// <summary>
/// Summary: what was built or published, as Markdown in $GITHUB_STEP_SUMMARY (in the terminal locally), and the
/// step outputs image, digest, tags and version in $GITHUB_OUTPUT for later jobs. It follows whichever of
/// DockerBuildx (local load, archive) or Merge (pushed index) produced the image.
/// </summary>
interface ISummary : IDockerBuildx, IHazGitVersion
{
    /// <summary>What the summary's heading calls the image: "## &lt;title&gt; published".</summary>
    string SummaryTitle => "Image";

    Target Summary => _ => _
        .Description("Writes the summary (image, digest, tags, platforms, labels, pull lines) and the step outputs")
        .Resolves(ResolveBuildInputsAsync)
        // Not triggered by Merge: Merge is skipped when nothing is pushed, and that would skip the summary too.
        .TriggeredBy(DockerBuildx)
        .After(DockerBuildx)
        .TryAfter<IMerge>(x => x.Merge)
        .OnlyWhenDynamic(() => ImageWasProduced)
        .Executes(() =>
        {
            var publication = Results.Get(Publication);
            var report = PublishReportFor(publication, Results.TryGet(TagOutput), GitVersionIfComputed)
                with
                {
                    Title = SummaryTitle, Usage = Usage, Signing = (this as ISign)?.SigningReportFor(publication),
                    ImageVersion = ImageVersion, DryRun = DryRun, SmokeTest = (this as IHazSummarySection)?.SummarySection,
                    // Locally the run line takes a port that is free here; elsewhere the image's own.
                    HostPort = Usage is { } usage && IsLocalBuild && !publication.Pushed ? HostPorts.FreeOr(usage.Port) : null,
                };
            // The labels as the image has them (DockerBuildRequest pins these two).
            report = report with { Labels = PinnedLabel.Pin(PinnedLabel.Pin(report.Labels, PinnedLabel.VersionKey, ImageVersion, Labels), PinnedLabel.CreatedKey, SourceDate.Created, Labels) };
            // Secrets are masked here too: the summary and outputs outlive the log.
            var markdown = Log.Mask(PublishSummary.ToMarkdown(report));
            var outputs = PublishSummary.ToOutputs(report).Select(o => KeyValuePair.Create(o.Key, Log.Mask(o.Value))).ToList();
            if (EnvironmentVariables.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryFile)
                File.AppendAllText(summaryFile, markdown + "\n");
            else
                // Last in the output, after the targets' table (also at --verbosity minimal): what was made, what to do next.
                ReportAtEnd(markdown);
            if (EnvironmentVariables.GetValueOrDefault("GITHUB_OUTPUT") is { Length: > 0 } outputFile)
                StepOutputFile.Append(outputFile, outputs);
            ReportSummary("Image", report.Digest is { } digest ? $"{report.Image}@{digest}" : report.Image);
        });

    /// <summary>DockerBuildx or Merge left an image to report (named so the skip reason reads "OnlyWhen: ImageWasProduced").</summary>
    bool ImageWasProduced => Results.TryGet(Publication) != null;

    static PublishReport PublishReportFor(ImagePublication publication, MetadataOutput? metadata, GitVersion? version) => new()
    {
        Image = publication.Image,
        Digest = publication.Digest,
        Tags = publication.Tags,
        Platforms = publication.Platforms.Select(p => new PlatformDigest(p.Platform, p.Digest)).ToList(),
        Labels = metadata?.Labels ?? [],
        Version = metadata?.Version ?? "",
        SemVer = version?.SemVer,
        FullSemVer = version?.FullSemVer,
        Pushed = publication.Pushed,
        UnchangedSince = publication.UnchangedSince,
        UnchangedInputs = publication.UnchangedInputs is { } inputs ? (inputs.Digest, inputs.BaseText) : null,
        NotPushedReason = publication.NotPushedReason ?? (publication.Archive is { } archive ? $"Written to {archive}." : null),
    };
}
