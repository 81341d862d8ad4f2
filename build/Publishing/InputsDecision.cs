namespace Publishing;

/// <summary>
/// What CI's first job (CheckInputs) tells the jobs after it: whether the platform jobs build, whether the merge job
/// runs, and why. Unchanged inputs with every tag in place: neither (the run is that one job). Unchanged inputs with
/// a tag missing or moved: no build, the merge job moves the tags back to the index they held. Anything else builds.
/// </summary>
internal sealed record InputsDecision(bool Build, bool Merge, string Reason, InputsUnchanged? Unchanged = null)
{
    public static InputsDecision Building(string reason) => new(true, true, reason);

    public static InputsDecision For(InputsUnchanged unchanged) =>
        UnchangedInputs.ToMove(unchanged.Held, unchanged.Before) is { Count: > 0 } missing
            ? new(false, true, $"{string.Join(", ", missing)} move back to it without a build", unchanged)
            : new(false, false, "every tag is in place", unchanged);

    /// <summary>The step outputs: build and merge ('true'/'false'), inputs and digest (empty when building), reason.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Outputs =>
    [
        new("build", Build ? "true" : "false"),
        new("merge", Merge ? "true" : "false"),
        new("inputs", Unchanged?.Inputs.Digest ?? ""),
        new("digest", Unchanged?.Digest ?? ""),
        new("reason", Unchanged is null ? Reason : "unchanged: " + Reason),
    ];

    /// <summary>One line for the log.</summary>
    public string Line(string image) => Unchanged is { } held
        ? $"Unchanged: {image}@{held.Digest} already carries inputs {held.Inputs.Digest} (base {held.Inputs.BaseText}); {Reason}: {Jobs}."
        : $"Building: {Reason}.";

    /// <summary>The job summary's section.</summary>
    public string ToMarkdown(string image) => "### Inputs\n\n" + (Unchanged is { } held
        ? $"**Unchanged**: `{image}@{held.Digest}` already carries inputs `{held.Inputs.Digest}` (base `{held.Inputs.BaseText}`); {Reason}: {Jobs}.\n"
        : $"**Building**: {Reason}.\n");

    string Jobs => Merge ? "the merge job runs, the platform jobs are skipped" : "the platform and merge jobs are skipped";
}
