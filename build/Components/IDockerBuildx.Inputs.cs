using GitHub.Context;
using Publishing;
using Registry;

namespace Components;

/// <summary>
/// The input fingerprint (<see cref="InputFingerprint"/>): read once before anything is built, compared with what
/// the final tags hold, and written on the index Merge publishes. A publish whose inputs did not change builds nothing.
/// </summary>
partial interface IDockerBuildx
{
    [Parameter("Build and publish even when the tags already hold an image of the same inputs (Unchanged)")]
    bool Force => TryGetValue<bool?>(() => Force) ?? false;

    /// <summary>DockerBuildx's finding that the final tags already hold this run's image; Merge then only restores tags.</summary>
    static readonly Result<InputsUnchanged> Unchanged = new(nameof(DockerBuildx), "image of unchanged inputs");

    static readonly Once<Task<InputFingerprint?>> InputsOnce = new("the input fingerprint");

    /// <summary>This run's input fingerprint (null: a base could not be read); read on first use, once per run.</summary>
    Task<InputFingerprint?> ReadInputsAsync()
    {
        if (DryRun) return Task.FromResult<InputFingerprint?>(null);
        var (request, retry) = (DockerBuildRequest, RegistryRetry);
        return Once.GetOrCompute(InputsOnce, () => InputFingerprintReader.ReadAsync(request, RegistryApiFor, retry));
    }

    Target CheckInputs => _ => _
        .Description("Says whether the image needs building: compares the input fingerprint with what the final tags hold (CI's first job; step outputs build and merge)")
        .Resolves(ResolveBuildInputsAsync)
        .DependsOn(Tag)
        .Executes(async () =>
        {
            var decision = await DecideAsync(DockerBuildRequest);
            Log.Information(decision.Line(Image));
            if (EnvironmentVariables.GetValueOrDefault("GITHUB_OUTPUT") is { Length: > 0 } outputs) StepOutputFile.Append(outputs, decision.Outputs);
            if (EnvironmentVariables.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary) File.AppendAllText(summary, Log.Mask(decision.ToMarkdown(Image)) + "\n");
            ReportSummary("Inputs", decision.Build ? "build" : decision.Merge ? "unchanged, tags to restore" : "unchanged");
        });

    /// <summary>CheckInputs' decision: unchanged only when the inputs could be compared and the tags hold them.</summary>
    async Task<InputsDecision> DecideAsync(ImageBuildRequest request)
    {
        if (!request.Push) return InputsDecision.Building($"nothing is pushed, so nothing published is compared ({PushDecision.Reason.TrimEnd('.')})");
        if (DryRun) return InputsDecision.Building("a dry run reads no registry");
        if (Force) return InputsDecision.Building("--force");
        request.RequireTags();
        return await CompareInputsAsync(request) switch
        {
            { Unchanged: { } unchanged } => InputsDecision.For(unchanged),
            null => InputsDecision.Building("the inputs could not be compared with the final tags"),
            _ => InputsDecision.Building("the final tags hold no image of these inputs"),
        };
    }

    /// <summary>
    /// DockerBuildx's comparison: null when not compared (no push, --force, a dry run, or per-platform jobs whose
    /// Merge runs elsewhere: CI's first job compared for them).
    /// </summary>
    async Task<InputsCheck?> CheckInputsAsync(ImageBuildRequest request)
    {
        if (!request.Push || DryRun || DigestsDirectory is not null) return null;
        // Forced: not compared, but Merge records the inputs; reading them now overlaps the build.
        if (Force) { _ = ReadInputsAsync(); return null; }
        return await CompareInputsAsync(request);
    }

    /// <summary>
    /// What the final tags hold compared with this run's inputs; null when they cannot be compared (a tag in another
    /// repository, a base that could not be read, tags that could not be read).
    /// </summary>
    async Task<InputsCheck?> CompareInputsAsync(ImageBuildRequest request)
    {
        var repository = ImageReference.Parse(request.Image);
        if (request.Tags.Any(t => ImageReference.Parse(t) != repository)) return null;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The fingerprint (a HEAD of the base, the context hashed) and the final tags are read at the same time.
        var reading = ReadInputsAsync();
        IReadOnlyList<TagBefore> before;
        try
        {
            using var api = RegistryApiFor(repository);
            // The login challenge once, before the tags are read at once.
            await RegistryRetry.RunHttpAsync($"Connecting to {repository.Registry}", async () => { await api.ConnectAsync(); return true; });
            before = await new TagPromotion(api, RegistryRetry, request.Image).ReadCurrentAsync(request.Tags.Select(t => t[(t.LastIndexOf(':') + 1)..]).ToList());
        }
        // Not being able to read is no reason to fail before the build: a registry may refuse reads of a package that
        // does not exist yet. The push says what is wrong, as it would without the comparison.
        catch (Exception e) when (e is BuildError or HttpRequestException)
        {
            Log.Information($"Inputs: the tags of {request.Image} could not be read ({e.Message.TrimEnd('.')}); building.");
            return null;
        }
        if (await reading is not { } inputs) return null;
        Log.Debug($"Inputs and the final tags read in {watch.ElapsedMilliseconds} ms");
        if (UnchangedInputs.Find(inputs.Digest, before) is { } held)
        {
            Log.Information($"Unchanged: {request.Image}@{held.Digest} already carries inputs {inputs.Digest} (base {inputs.BaseText}); nothing to build.");
            return new InputsCheck(new InputsUnchanged(inputs, held, before), BaseMoved: false);
        }
        var moved = UnchangedInputs.BaseMoved(inputs, before);
        Log.Information($"Inputs {inputs.Digest} (base {inputs.BaseText}) are not published yet{(moved ? "; the base image changed, so it is pulled" : "")}: building.");
        return new InputsCheck(null, moved);
    }
}

/// <summary>The comparison's outcome: the image the tags already hold (null: build), and whether the base moved since the tags' image.</summary>
sealed record InputsCheck(InputsUnchanged? Unchanged, bool BaseMoved);
