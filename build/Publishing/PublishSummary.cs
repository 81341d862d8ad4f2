using System.Text;

namespace Publishing;

/// <summary>
/// Renders a <see cref="PublishReport"/> as the Markdown job summary (also printed in the terminal) and as
/// step outputs. Pure: the caller writes $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT.
/// </summary>
internal static class PublishSummary
{
    /// <summary>Labels worth a line in the summary; the rest are in the image config.</summary>
    static readonly string[] KeyLabels =
    [
        "org.opencontainers.image.title", "org.opencontainers.image.version", "org.opencontainers.image.revision",
        "org.opencontainers.image.source", "org.opencontainers.image.created", "org.opencontainers.image.licenses",
    ];

    public static string ToMarkdown(PublishReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(report.DryRun ? $"## {report.Title}: dry run (nothing built or pushed)"
            : report.UnchangedSince is not null ? $"## {report.Title} unchanged"
            : report.Pushed ? $"## {report.Title} published" : $"## {report.Title} built (not pushed)");
        md.AppendLine();
        if (report.UnchangedSince is { } held && report.UnchangedInputs is var (fingerprint, bases))
            md.AppendLine($"> Unchanged: {Code(held)} already carries inputs {Code(fingerprint)} (base {Code(bases)}): nothing was built or pushed.").AppendLine();
        else if (report.UnchangedSince is { } unchanged)
            md.AppendLine($"> Unchanged since {Code(unchanged)}: every platform image is the one the tags already hold, so no tag moved.").AppendLine();
        if (report.NotPushedReason is { } reason)
            md.AppendLine($"> {Escape(reason)}").AppendLine();

        md.AppendLine("| | |").AppendLine("| --- | --- |");
        md.AppendLine($"| Image | {Code(report.Image)} |");
        if (report.Digest is { } digest) md.AppendLine($"| Digest | {Code(digest)} |");
        // The version the heading names (the image's version label); the tags' own version beside it when it differs.
        if (report.ImageVersion is { Length: > 0 } imageVersion) md.AppendLine($"| Version | {Code(imageVersion)} |");
        if (report.Version.Length > 0 && report.Version != report.ImageVersion)
            md.AppendLine($"| {(report.ImageVersion is { Length: > 0 } ? "Tag version" : "Version")} | {Code(report.Version)} |");
        if (report.SemVer is { } semVer) md.AppendLine($"| SemVer | {Code(semVer)} |");
        if (report.FullSemVer is { } fullSemVer) md.AppendLine($"| FullSemVer | {Code(fullSemVer)} |");
        md.AppendLine();

        if (report.Tags.Count > 0)
        {
            md.AppendLine("### Tags").AppendLine();
            foreach (var tag in report.Tags) md.AppendLine($"- {Code(tag)}");
            md.AppendLine();
        }

        if (report.Platforms.Count > 0)
        {
            md.AppendLine("### Platforms").AppendLine().AppendLine("| Platform | Digest |").AppendLine("| --- | --- |");
            foreach (var platform in report.Platforms) md.AppendLine($"| {Code(platform.Platform)} | {Code(platform.Digest)} |");
            md.AppendLine();
        }

        var labels = KeyLabels
            .Select(key => report.Labels.FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal)))
            .OfType<string>().Where(label => !label.EndsWith('=')).ToList();
        if (labels.Count > 0)
        {
            md.AppendLine("### Labels").AppendLine().AppendLine("| Label | Value |").AppendLine("| --- | --- |");
            foreach (var label in labels)
            {
                var split = label.IndexOf('=');
                md.AppendLine($"| {Code(label[..split])} | {Escape(label[(split + 1)..])} |");
            }
            md.AppendLine();
        }

        if (report.SmokeTest is { } smoke) md.Append(smoke);
        if (report.Signing is { } signing) AppendSigning(md, signing);

        // What to do next comes last: run it (a loaded image), or pull, run and pin it (a pushed one).
        if (!report.Pushed && !report.DryRun && report.Platforms.Count <= 1 && report.Tags.Count > 0 && report.Usage is { } local && report.NotPushedReason?.StartsWith("Written to ") != true)
        {
            md.AppendLine("### Run it").AppendLine().AppendLine("```sh").AppendLine(RunLine(report, local, report.Tags[0])).AppendLine("```");
            md.AppendLine().AppendLine(PortNote(report, local));
        }
        if (report.Pushed && report.Digest is { } pinned)
        {
            md.AppendLine("### Use it").AppendLine().AppendLine("```sh");
            foreach (var tag in report.Tags) md.AppendLine($"docker pull {tag}");
            md.AppendLine($"docker pull {report.Image}@{pinned}");
            if (report.Usage is { } run) md.AppendLine(RunLine(report, run, $"{report.Image}@{pinned}"));
            md.AppendLine("```").AppendLine();
            md.AppendLine("docker-compose, pinned to this build:").AppendLine().AppendLine("```yaml");
            md.AppendLine("services:").AppendLine($"  {ImageNames.LastSegment(report.Image)}:").AppendLine($"    image: {report.Image}@{pinned}");
            if (report.Usage is { } usage) md.AppendLine($"    command: {usage.ServeCommand}");
            md.AppendLine("```");
            if (report.Usage?.Note is { } note) md.AppendLine().AppendLine(Escape(note));
        }
        return md.ToString();
    }

    /// <summary>Step outputs for later jobs: image, digest, tags (one per line), version, signed, provenance (the predicate file).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ToOutputs(PublishReport report) =>
    [
        new("image", report.Image),
        new("digest", report.Digest ?? ""),
        new("tags", string.Join('\n', report.Tags)),
        new("version", report.Version),
        new("signed", report.Signing?.Signed == true ? "true" : "false"),
        new("provenance", report.Signing?.PredicateFile ?? ""),
    ];

    static void AppendSigning(StringBuilder md, SigningReport signing)
    {
        md.AppendLine("### Signature and provenance").AppendLine();
        md.AppendLine(signing.Signed ? $"Signed: {Escape(signing.Reason)}" : $"**Unsigned**: {Escape(signing.Reason.Replace("unsigned: ", ""))}").AppendLine();
        if (signing.VerificationTable is { } table) md.Append(table).AppendLine();
        if (signing.BaseImages.Count > 0)
        {
            md.AppendLine("Base image, as BuildKit resolved it:").AppendLine();
            foreach (var image in signing.BaseImages) md.AppendLine($"- {Code(image)}");
            md.AppendLine();
        }
        if (signing.VerifyCommands.Count == 0) return;
        md.AppendLine("Verify it yourself:").AppendLine().AppendLine("```sh");
        foreach (var command in signing.VerifyCommands) md.AppendLine(command);
        md.AppendLine("```").AppendLine();
    }

    static string RunLine(PublishReport report, ImageUsage usage, string reference) =>
        $"docker run --rm -p {report.HostPort ?? usage.Port}:{usage.Port} {reference} {usage.RunCommand}";

    static string PortNote(PublishReport report, ImageUsage usage) =>
        (report.HostPort is { } port && port != usage.Port ? $"Port {usage.Port} is taken on this machine, so the line uses {port}, which was free. " : "")
        + $"The first number is the port on this machine: change it to choose another (the server listens on {usage.Port} inside).";

    static string Code(string text) => "`" + text.Replace("`", "'") + "`";

    /// <summary>Keeps table cells and quotes intact whatever a label or reason contains.</summary>
    static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;");
}
