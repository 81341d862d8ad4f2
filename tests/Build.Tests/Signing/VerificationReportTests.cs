using Signing;

namespace Build.Tests.Signing;

public class VerificationReportTests
{
    [Fact]
    public void One_line_per_failed_check_and_a_table_per_digest()
    {
        var report = new VerificationReport("r/n:1",
        [
            new("sha256:i", "index", CheckResult.Ok, CheckResult.Failed("no matching attestations"), CheckResult.NotApplicable),
            new("sha256:a", "linux/amd64", CheckResult.Failed("no signatures found"), CheckResult.Ok, CheckResult.Failed("no SBOM attestation")),
        ], []);
        Assert.False(report.Passed);
        Assert.Equal([
            "index sha256:i: index attestation: no matching attestations",
            "linux/amd64 sha256:a: signature: no signatures found",
            "linux/amd64 sha256:a: SBOM: no SBOM attestation",
        ], report.Failures);
        var lines = report.ToTextLines();
        Assert.Equal("DIGEST    PLATFORM     SIGNATURE  PROVENANCE  SBOM", lines[0]);
        Assert.Equal("sha256:a  linux/amd64  FAILED     ok          FAILED", lines[2]);
        Assert.Contains("| `sha256:i` | index | ✅ | ❌ | - |", report.ToMarkdown());
    }

    [Theory]
    [InlineData("r/n:1.0", "1.0")]
    [InlineData("127.0.0.1:5000/n", "latest")]
    [InlineData("127.0.0.1:5000/n@sha256:abc", "sha256:abc")]
    public void The_reference_part_of_an_image(string image, string reference) => Assert.Equal(reference, ImageVerifier.ReferenceOf(image));
}
