using Docker;
using Mlflow.Smoke;

// In the Components namespace although it lives with the MLflow code: Summary, a generic component, reports on it.
namespace Mlflow;

/// <summary>
/// SmokeTest: the just-built image, run before any tag moves (after DockerBuildx, before Merge): its user, its
/// version, its drivers, and a real server on PostgreSQL and S3 (<see cref="ImageSmokeTest"/>). A failure ends the
/// run there, so Merge moves no tag; the failed check and the server's last log lines go to the summary.
/// The build says what to expect (<see cref="SmokeExpectations"/>); without it the target has nothing to check.
/// </summary>
interface ISmokeTest : IDockerBuildx, IHazSummarySection
{
    /// <summary>SmokeTest's report, for the summary.</summary>
    static readonly Result<SmokeReport> Report = new(nameof(SmokeTest), "smoke test report");

    /// <summary>The image's version and its server flags (the build knows its product); null: nothing to check.</summary>
    SmokeExpectations? SmokeExpectations => null;

    /// <summary>The compose file that runs the image with its services, which the summary points at (null: none).</summary>
    string? SmokeComposeFile => null;

    [Parameter("Where SmokeTest's PostgreSQL and S3 store run: local (initdb/pg_ctl and s3rver on this machine) or containers "
        + "(postgres and minio images by digest); default: containers on GitHub Actions, else local when PostgreSQL and the S3 server are installed")]
    string? SmokeServices => TryGetValue(() => SmokeServices);

    [Parameter("The S3 server SmokeTest starts with --smoke-services local (default: .ci/stand-in-server/s3/s3rver)")]
    AbsolutePath? SmokeStorageServer => TryGetValue(() => SmokeStorageServer);

    [Parameter("Directory of initdb and pg_ctl for --smoke-services local (default: pg_ctl's on PATH, else the newest /usr/lib/postgresql/N/bin)")]
    AbsolutePath? SmokePostgresBin => TryGetValue(() => SmokePostgresBin);

    Target SmokeTest => _ => _
        .Description("Runs the built image before any tag moves: non-root user, mlflow --version, boto3/psycopg2, and mlflow server on PostgreSQL and S3")
        .Resolves(ResolveGitHubContextAsync)
        .After(DockerBuildx)
        .TryBefore<IMerge>(x => x.Merge)
        .TryBefore<ISummary>(x => x.Summary)
        // Part of a publish, between the build and the step that moves tags.
        .TryDependentFor<IPublish>(x => x.Publish)
        // A mistyped --smoke-services ends the run before anything is built.
        .Requires(() => SmokeServiceModeIsValid)
        .Executes(async () =>
        {
            var report = await RunSmokeTestAsync();
            foreach (var line in report.ToTextLines()) Log.Information(line);
            Results.Set(Report, report);
            if (report.SkipReason is not null) return;
            // A per-platform job (--digests-directory) has no Summary of its own, and the merge job's cannot see this report.
            if (!report.Passed || DigestsDirectory is not null) WriteStepSummary(report.ToMarkdown());
            if (!report.Passed)
                throw new BuildError($"Smoke test failed at \"{report.Failed?.Name}\": {report.Failed?.Detail}. No tag moved.");
        });

    /// <summary>
    /// The smoke test's section: its report; that it was skipped; or, in a merge job, that each platform's job ran it
    /// before handing its digest over (their summaries list the checks). Null when there is nothing to say.
    /// </summary>
    string? IHazSummarySection.SummarySection =>
        Results.TryGet(Report) is { } report ? report.ToMarkdown()
        : SkippedTargets.Contains(nameof(SmokeTest)) ? new SmokeReport { Image = "", SkipReason = "--skip SmokeTest: the image was not run before its tags moved." }.ToMarkdown()
        : DigestsDirectory is not null ? "### Smoke test\n\nRun by each platform's job on its own runner before it handed its digest over (their summaries list the checks).\n\n"
        : null;

    async Task<SmokeReport> RunSmokeTestAsync()
    {
        if (SmokeExpectations is not { } expected) return new SmokeReport { Image = Image, SkipReason = "this build names no smoke test expectations." };
        if (DryRun) return new SmokeReport { Image = Image, SkipReason = "dry run: nothing was built." };
        // The tags already hold an image of exactly these inputs, tested before its tags moved; nothing new to run.
        if (Results.TryGet(Unchanged) is { } unchanged)
            return new SmokeReport { Image = Image, SkipReason = $"nothing was built: {unchanged.Digest} already carries these inputs and was tested when it was published." };
        var (image, platforms) = SmokeImage();
        if (image is null) return new SmokeReport { Image = Image, SkipReason = "the image was written to an OCI archive, not loaded: nothing to run." };
        var runnable = platforms.Where(p => p is null || SmokePlatforms.CanRun(p, HostPlatform)).ToList();
        foreach (var platform in platforms.Except(runnable)) Log.Warning($"Smoke test: {platform} cannot run here (no QEMU registered for it); its own runner tests it.");
        if (runnable.Count == 0) return new SmokeReport { Image = image, SkipReason = $"none of {string.Join(", ", platforms)} runs on this machine." };
        await using var services = ChooseSmokeServices(StagingRunKey);
        var report = await new ImageSmokeTest(DockerCli, services, expected, StagingRunKey).RunAsync(image, runnable, HostPlatform, Interrupted);
        return report with { ComposeFile = SmokeComposeFile };
    }

    /// <summary>This run's image: the pushed platforms by digest (before any tag names them), else the loaded image.</summary>
    (string? Image, IReadOnlyList<string?> Platforms) SmokeImage()
    {
        if (Results.TryGet(PushedImages) is { } pushed)
        {
            var first = pushed.Platforms.First();
            return ($"{pushed.Image}@{first.Digest}", pushed.Platforms.Select(p => (string?)p.Platform).ToList());
        }
        if (Results.TryGet(Publication) is { Pushed: false, Archive: null, Tags.Count: > 0 } loaded) return (loaded.Tags[0], [null]);
        if (Results.TryGet(Publication) is { Archive: not null }) return (null, []);
        throw new BuildError("Nothing to smoke-test: run DockerBuildx first (SmokeTest runs the image this run built).");
    }

    /// <summary>For <c>.Requires</c>: reading the mode validates --smoke-services.</summary>
    bool SmokeServiceModeIsValid { get { _ = GivenSmokeServiceMode; return true; } }

    SmokeServiceMode? GivenSmokeServiceMode => SmokeServices?.ToLowerInvariant() switch
    {
        null => null,
        "local" => SmokeServiceMode.Local,
        "containers" => SmokeServiceMode.Containers,
        var other => throw new BuildError($"--smoke-services is local or containers, not '{other}'."),
    };

    SmokeServices ChooseSmokeServices(string key)
    {
        var postgresBin = (string?)SmokePostgresBin ?? LocalSmokeServices.FindPostgresBin();
        var s3Server = (string?)SmokeStorageServer ?? RootDirectory / ".ci" / "stand-in-server" / "s3" / "s3rver";
        var localReady = postgresBin is not null && File.Exists(s3Server);
        var mode = GivenSmokeServiceMode ?? (IsLocalBuild && localReady ? SmokeServiceMode.Local : SmokeServiceMode.Containers);
        if (mode == SmokeServiceMode.Containers) return new ContainerSmokeServices(DockerCli, key);
        if (postgresBin is null) throw new BuildError("--smoke-services local needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql, or --smoke-postgres-bin).");
        return new LocalSmokeServices(postgresBin, s3Server);
    }

    /// <summary>Appends to $GITHUB_STEP_SUMMARY on GitHub Actions; locally the log lines already said it.</summary>
    private void WriteStepSummary(string markdown)
    {
        if (EnvironmentVariables.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } file) File.AppendAllText(file, Log.Mask(markdown) + "\n");
    }
}
