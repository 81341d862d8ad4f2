namespace Publishing;

/// <summary>What a Publish run produced, gathered from the targets' results for the summary and the step outputs.</summary>
internal sealed record PublishReport
{
    /// <summary>The image name without tag, e.g. ghcr.io/owner/repo/app.</summary>
    public required string Image { get; init; }

    /// <summary>What the summary's heading calls the image ("&lt;Title&gt; published").</summary>
    public string Title { get; init; } = "Image";

    /// <summary>How to run the image, for the compose snippet (null: the snippet names the image only).</summary>
    public ImageUsage? Usage { get; init; }

    /// <summary>Digest of the multi-platform index (or of the loaded image); null when nothing was pushed.</summary>
    public string? Digest { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<PlatformDigest> Platforms { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>metadata-action's `version` output.</summary>
    public string Version { get; init; } = "";
    /// <summary>The version of what the image holds (its version label, e.g. 3.1.1 of the product it packages), when the build names one.</summary>
    public string? ImageVersion { get; init; }
    /// <summary>A dry run: the commands were printed, nothing was built or pushed.</summary>
    public bool DryRun { get; init; }
    /// <summary>The host port the run line publishes the image's port on (a free one, locally).</summary>
    public int? HostPort { get; init; }
    public string? SemVer { get; init; }
    public string? FullSemVer { get; init; }

    public bool Pushed { get; init; }

    /// <summary>Set when the rebuild was the image the tags already held and no tag moved: the index digest they keep.</summary>
    public string? UnchangedSince { get; init; }

    /// <summary>Set when nothing was built: the input fingerprint the kept index carries, and the base digest(s) it was built on.</summary>
    public (string Fingerprint, string Base)? UnchangedInputs { get; init; }

    /// <summary>Why nothing was pushed (a fork pull request, no --push, dry run); null when pushed.</summary>
    public string? NotPushedReason { get; init; }

    /// <summary>Signed or why not, the verification table and the commands to verify; null when nothing was pushed.</summary>
    public SigningReport? Signing { get; init; }

    /// <summary>The smoke test's section (Markdown: its checks, or why it was skipped); null when this run had none.</summary>
    public string? SmokeTest { get; init; }
}

/// <summary>What the summary says about signatures: the verification table (Markdown), the verify commands, the base images.</summary>
internal sealed record SigningReport(bool Signed, string Reason)
{
    public string? VerificationTable { get; init; }
    /// <summary>The SLSA provenance v1 predicate the build attested the index with (for actions/attest).</summary>
    public string? PredicateFile { get; init; }
    public IReadOnlyList<string> VerifyCommands { get; init; } = [];
    /// <summary>"platform: uri@digest" of the base image each platform was built on.</summary>
    public IReadOnlyList<string> BaseImages { get; init; } = [];
}

internal sealed record PlatformDigest(string Platform, string Digest);
