namespace Workflows;

/// <summary>An action pinned to a full commit SHA; the release it came from is kept as a comment.</summary>
internal sealed record ActionPin(string Repository, string Sha, string Version)
{
    public string Reference => $"{Repository}@{Sha}";

    public ActionStep Step(string? name = null) => new(this) { Name = name };
}

/// <summary>
/// Every action the generated workflows use, on their Node-24 releases. To refresh one: dereference the
/// release tag to its commit (<c>git ls-remote https://github.com/OWNER/REPO refs/tags/vX.Y.Z^{}</c>), update
/// the row, regenerate (README, "Workflow"). Never a branch or a moving major tag.
/// </summary>
internal static class ActionPins
{
    public static readonly ActionPin Checkout =
        new("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1");

    public static readonly ActionPin SetupQemu =
        new("docker/setup-qemu-action", "96fe6ef7f33517b61c61be40b68a1882f3264fb8", "v4.2.0");

    public static readonly ActionPin SetupBuildx =
        new("docker/setup-buildx-action", "37fe631027851001ddb9b187196cc803df7f5f0e", "v4.3.0");

    /// <summary>Exports ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL so a run: step can use the gha cache.</summary>
    public static readonly ActionPin GitHubRuntime =
        new("crazy-max/ghaction-github-runtime", "04d248b84655b509d8c44dc1d6f990c879747487", "v4.0.0");

    public static readonly ActionPin UploadArtifact =
        new("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0");

    public static readonly ActionPin DownloadArtifact =
        new("actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1");

    /// <summary>Installs cosign; its own default (cosign 3) is overridden by <c>cosign-release</c>, see <see cref="Layouts.SigningSteps"/>.</summary>
    public static readonly ActionPin CosignInstaller =
        new("sigstore/cosign-installer", "6f9f17788090df1f26f669e9d70d6ae9567deba6", "v4.1.2");

    public static readonly ActionPin Attest =
        new("actions/attest", "1e69f48acb82d1966a394da916b4c1698aa569d6", "v4.2.2");

    public static readonly ActionPin SetupDotNet =
        new("actions/setup-dotnet", "a98b56852c35b8e3190ac28c8c2271da59106c68", "v6.0.0");

    public static readonly ActionPin Cache =
        new("actions/cache", "27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5");

    public static IReadOnlyList<ActionPin> All { get; } =
        [Checkout, SetupQemu, SetupBuildx, GitHubRuntime, UploadArtifact, DownloadArtifact, SetupDotNet, Cache, CosignInstaller, Attest];
}
