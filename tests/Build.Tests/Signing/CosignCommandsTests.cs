using Signing;

namespace Build.Tests.Signing;

/// <summary>The cosign invocations as data: argv, environment, and no secret in argv.</summary>
public class CosignCommandsTests
{
    static readonly CosignOptions Keyed = new() { Key = "/keys/cosign.key", Password = new Secret("s3cret-cosign"), AllowInsecureRegistry = true };
    static readonly CosignOptions Keyless = new();
    const string Index = "ghcr.io/owner/repo/mlflow@sha256:aaa";
    const string Child = "ghcr.io/owner/repo/mlflow@sha256:bbb";

    [Fact]
    public void Sign_with_a_key_signs_each_digest_without_the_transparency_log_and_passes_the_password_in_the_environment()
    {
        var command = CosignCommands.Sign(Keyed, [Index, Child]);
        Assert.Equal("cosign", command.Executable);
        Assert.Equal(["sign", "--yes", "--key", "/keys/cosign.key", "--tlog-upload=false", "--allow-insecure-registry", Index, Child], command.Arguments);
        Assert.Equal("s3cret-cosign", command.SecretEnvironment["COSIGN_PASSWORD"].Reveal());
        Assert.False(command.Environment.ContainsKey("COSIGN_PASSWORD"));
        Assert.DoesNotContain(command.Arguments, a => a.Contains("s3cret-cosign"));
    }

    [Fact]
    public void Keyless_sign_and_attest_name_no_key_and_no_password()
    {
        Assert.Equal(["sign", "--yes", Index], CosignCommands.Sign(Keyless, [Index]).Arguments);
        Assert.Equal(["attest", "--yes", "--type", "slsaprovenance1", "--predicate", "p.json", Index], CosignCommands.Attest(Keyless, Index, "p.json").Arguments);
        Assert.Empty(CosignCommands.Sign(Keyless, [Index]).Environment);
    }

    [Fact]
    public void Keyless_verify_expects_the_workflow_identity_at_the_ref_and_GitHubs_issuer()
    {
        var identity = KeylessIdentity.Resolve(new IdentitySources(null, "https://github.com", "Owner/Repo", "mlflow-image-publish.yml", "refs/heads/main"));
        Assert.Equal(["verify", "--certificate-identity", "https://github.com/Owner/Repo/.github/workflows/mlflow-image-publish.yml@refs/heads/main",
            "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", Index], CosignCommands.Verify(Keyless, identity, Index).Arguments);
        Assert.Equal(["verify-attestation", "--certificate-identity", identity.CertificateIdentity, "--certificate-oidc-issuer", SignerIdentity.GitHubActionsIssuer,
            "--type", "slsaprovenance1", Index], CosignCommands.VerifyAttestation(Keyless, identity, Index).Arguments);
    }

    [Fact]
    public void Verify_with_a_public_key_skips_the_transparency_log_and_never_carries_the_password()
    {
        var command = CosignCommands.Verify(Keyed, new SignerIdentity.PublicKey("cosign.pub"), Child);
        Assert.Equal(["verify", "--key", "cosign.pub", "--insecure-ignore-tlog", "--allow-insecure-registry", Child], command.Arguments);
        Assert.False(command.Environment.ContainsKey("COSIGN_PASSWORD"));
        Assert.Empty(command.SecretEnvironment);
    }

    [Fact]
    public void Attest_with_a_key_and_a_signatures_repository()
    {
        var command = CosignCommands.Attest(Keyed with { SignaturesRepository = "ghcr.io/owner/repo/signatures", AllowInsecureRegistry = false }, Index, "/tmp/provenance.json");
        Assert.Equal(["attest", "--yes", "--key", "/keys/cosign.key", "--tlog-upload=false", "--type", "slsaprovenance1", "--predicate", "/tmp/provenance.json", Index], command.Arguments);
        Assert.Equal("ghcr.io/owner/repo/signatures", command.Environment["COSIGN_REPOSITORY"]);
    }

    [Fact]
    public void The_key_check_decrypts_the_key_with_the_password_from_the_environment_an_absent_one_as_empty()
    {
        Assert.Equal(["public-key", "--key", "/keys/cosign.key"], CosignCommands.PublicKeyOf(Keyed).Arguments);
        Assert.Equal("", CosignCommands.PublicKeyOf(Keyed with { Password = null }).SecretEnvironment["COSIGN_PASSWORD"].Reveal());
    }

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("ghcr.io", false)]
    [InlineData("registry.example.com:5000", false)]
    public void Only_loopback_registries_are_spoken_to_over_plain_HTTP(string registry, bool insecure) =>
        Assert.Equal(insecure, CosignOptions.IsLoopback(registry));

    [Fact]
    public void The_bundle_format_retry_is_the_same_verify_looking_for_Sigstore_bundles_and_offline_options_reach_keyless_verify()
    {
        var verify = CosignCommands.Verify(Keyed, new SignerIdentity.PublicKey("cosign.pub"), Child);
        Assert.Equal(["verify", "--new-bundle-format", "--key", "cosign.pub", "--insecure-ignore-tlog", "--allow-insecure-registry", Child], CosignCommands.InBundleFormat(verify).Arguments);
        var keyless = new SignerIdentity.Keyless("https://github.com/O/R/.github/workflows/p.yml@refs/heads/main");
        var offline = CosignCommands.Verify(Keyless with { IgnoreTransparencyLog = true, TrustedRoot = "trusted_root.json", DockerConfig = "/run/cfg" }, keyless, Index);
        Assert.Equal(["verify", "--certificate-identity", keyless.CertificateIdentity, "--certificate-oidc-issuer", keyless.Issuer, "--insecure-ignore-tlog",
            "--trusted-root", "trusted_root.json", Index], offline.Arguments);
        // The registry login travels as a docker config directory in cosign's environment, never in argv.
        Assert.Equal("/run/cfg", offline.Environment["DOCKER_CONFIG"]);
    }
}
