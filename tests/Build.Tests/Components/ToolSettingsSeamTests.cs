using Build.Tests.Git;
using global::Components;

namespace Build.Tests.Components;

/// <summary>A build class changes a tool's settings through the component's seam (NUKE's Configure&lt;T&gt;), not by copying the component.</summary>
public class ToolSettingsSeamTests
{
    sealed class SignedElsewhere : NukeBuild, ITag, ILogin, IDockerBuildx, IMerge, ISign
    {
        Configure<global::Signing.CosignOptions> ISign.CosignSettings => _ => _ with { SignaturesRepository = "ghcr.io/acme/signatures" };
    }

    sealed class SignedHere : NukeBuild, ITag, ILogin, IDockerBuildx, IMerge, ISign;

    [Fact]
    public async Task The_cosign_seam_changes_every_cosign_command_s_options()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Commit("first");
        ISign signed = new SignedElsewhere { RootDirectory = new AbsolutePath(repository.Path) };
        ISign plain = new SignedHere { RootDirectory = new AbsolutePath(repository.Path) };
        await signed.ResolveGitHubContextAsync();
        await plain.ResolveGitHubContextAsync();

        Assert.Equal("ghcr.io/acme/signatures", signed.CosignOptions.SignaturesRepository);
        Assert.Null(plain.CosignOptions.SignaturesRepository);
    }
}
