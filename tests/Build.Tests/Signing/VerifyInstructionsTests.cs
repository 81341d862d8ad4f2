using Signing;

namespace Build.Tests.Signing;

/// <summary>The summary's verify lines: the user's key as given (never the run's copy), the login as parameters, the identity spelled out.</summary>
public class VerifyInstructionsTests
{
    const string Reference = "127.0.0.1:5000/acme/mlflow@sha256:abc";
    static readonly CosignOptions Options = new() { AllowInsecureRegistry = true, DockerConfig = "/tmp/run/cosign-docker-config" };

    [Fact]
    public void A_public_key_as_the_user_gave_it_and_the_builds_login_as_parameters()
    {
        var lines = VerifyInstructions.Lines(new VerifySetting(Reference, new UserVerifier.Key("keys/cosign.pub"), Options, "127.0.0.1:5000", "ci"));
        Assert.Equal([
            $"cosign verify --key keys/cosign.pub --insecure-ignore-tlog --allow-insecure-registry {Reference}",
            "# with REGISTRY_PASSWORD set to the password of ci on 127.0.0.1:5000:",
            $"./build.sh Verify --image {Reference} --registry 127.0.0.1:5000 --registry-username ci --cosign-public-key keys/cosign.pub",
        ], lines);
        Assert.DoesNotContain(lines, l => l.Contains("cosign-docker-config"));
    }

    [Fact]
    public void Only_a_private_key_prints_how_to_get_its_public_half_first()
    {
        var lines = VerifyInstructions.Lines(new VerifySetting(Reference, new UserVerifier.PrivateKeyOnly("secret/signing.key"), Options));
        Assert.Equal("COSIGN_PASSWORD=... cosign public-key --key secret/signing.key --outfile cosign.pub", lines[0]);
        Assert.Equal($"./build.sh Verify --image {Reference} --cosign-public-key cosign.pub", lines[^1]);
    }

    [Fact]
    public void Keyless_names_the_identity_and_issuer_and_the_signatures_repository()
    {
        var keyless = new SignerIdentity.Keyless("https://github.com/Acme/Repo/.github/workflows/mlflow-image-publish.yml@refs/heads/main");
        var lines = VerifyInstructions.Lines(new VerifySetting("ghcr.io/acme/mlflow@sha256:abc", new UserVerifier.Identity(keyless),
            new CosignOptions { SignaturesRepository = "ghcr.io/acme/signatures" }));
        Assert.Equal([
            $"COSIGN_REPOSITORY=ghcr.io/acme/signatures cosign verify --certificate-identity {keyless.CertificateIdentity} --certificate-oidc-issuer https://token.actions.githubusercontent.com ghcr.io/acme/mlflow@sha256:abc",
            $"./build.sh Verify --image ghcr.io/acme/mlflow@sha256:abc --certificate-identity {keyless.CertificateIdentity} --certificate-oidc-issuer https://token.actions.githubusercontent.com --signatures-repository ghcr.io/acme/signatures",
        ], lines);
    }

    [Fact]
    public void The_pub_beside_a_private_key_counts_only_when_it_is_its_public_half()
    {
        var directory = Directory.CreateTempSubdirectory("keys-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "cosign.pub"), "-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n");
            var key = Path.Combine(directory, "cosign.key");
            Assert.Equal(Path.Combine(directory, "cosign.pub"), VerifyInstructions.PublicKeyBeside(key, "-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----"));
            Assert.Null(VerifyInstructions.PublicKeyBeside(key, "-----BEGIN PUBLIC KEY-----\nBBB\n-----END PUBLIC KEY-----"));
        }
        finally { Directory.Delete(directory, true); }
    }

    [Fact]
    public void Signature_tags_of_a_digest_are_the_sig_att_and_referrers_fallback_tags()
        => Assert.Equal(["sha256-abc.sig", "sha256-abc.att", "sha256-abc"], SignatureTags.For("sha256:abc"));
}
