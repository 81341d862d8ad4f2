using Signing;

namespace Build.Tests.Signing;

/// <summary>cosign's errors as a user reads them: who signed against who was expected, or Sigstore out of reach once.</summary>
public class CosignFailureTests
{
    static readonly SignerIdentity.Keyless Expected = new("https://github.com/Owner/Repo/.github/workflows/mlflow-image-publish.yml@refs/heads/main");

    [Fact]
    public void Another_workflow_identity_is_signed_by_X_expected_Y()
    {
        var result = CosignFailure.Interpret("no matching signatures: none of the expected identities matched what was in the certificate, got subjects [https://github.com/Owner/Repo/.github/workflows/mlflow-image-cleanup.yml@refs/heads/main] with issuer https://token.actions.githubusercontent.com", Expected);
        Assert.False(result.Passed);
        Assert.Equal("signed by https://github.com/Owner/Repo/.github/workflows/mlflow-image-cleanup.yml@refs/heads/main (issuer https://token.actions.githubusercontent.com), expected "
                     + "https://github.com/Owner/Repo/.github/workflows/mlflow-image-publish.yml@refs/heads/main (issuer https://token.actions.githubusercontent.com)", result.Detail);
    }

    [Fact]
    public void Another_key_is_signed_by_another_key_expected_this_one()
    {
        var result = CosignFailure.Interpret("no matching signatures: invalid signature when validating ASN.1 encoded signature", new SignerIdentity.PublicKey("b.pub"));
        Assert.Equal("signed by another key, expected the key b.pub", result.Detail);
    }

    [Fact]
    public void An_unreachable_TUF_repository_is_not_a_verdict_and_is_one_line_for_every_check_with_the_offline_options()
    {
        const string tuf = "getting Rekor public keys: updating local metadata and targets: error updating to TUF remote mirror: tuf: failed to download 13.root.json: Get \"https://tuf-repo-cdn.sigstore.dev/13.root.json\": dial tcp: lookup tuf-repo-cdn.sigstore.dev on 10.255.255.53:53: no such host";
        var result = CosignFailure.Interpret(tuf, Expected);
        Assert.True(result.Unreachable);
        Assert.Equal("Sigstore could not be reached (tuf-repo-cdn.sigstore.dev: no such host)", result.Detail);
        Assert.Equal("UNCHECKED", result.ToString());

        var report = new VerificationReport("r/n:1",
        [
            new("sha256:i", "index", result, result, CheckResult.NotApplicable),
            new("sha256:a", "linux/amd64", result, CheckResult.Ok, CheckResult.Failed("no SBOM attestation")),
        ], []) { CheckedAgainst = Expected.ToString() };
        Assert.Equal([
            "3 check(s) not made: Sigstore could not be reached (tuf-repo-cdn.sigstore.dev: no such host); " + CosignFailure.OfflineOptions + ".",
            "linux/amd64 sha256:a: SBOM: no SBOM attestation",
        ], report.Failures);
        Assert.Equal($"Checked against the keyless identity {Expected.CertificateIdentity} (issuer https://token.actions.githubusercontent.com)", report.ToTextLines()[0]);
        Assert.StartsWith("Checked against the keyless identity", report.ToMarkdown());
    }

    [Fact]
    public void Other_errors_stay_cosigns_own_line()
    {
        Assert.Equal("no signatures found", CosignFailure.Interpret("no signatures found", Expected).Detail);
        Assert.False(CosignFailure.Interpret("no signatures found", Expected).Unreachable);
    }
}
