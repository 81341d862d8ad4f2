using Publishing;

namespace Build.Tests.Publishing;

public class PublishSummaryTests
{
    static readonly PublishReport Pushed = new()
    {
        Image = "ghcr.io/acme/models/mlflow",
        Title = "MLflow image",
        Digest = "sha256:" + new string('a', 64),
        Tags = ["ghcr.io/acme/models/mlflow:main", "ghcr.io/acme/models/mlflow:latest"],
        Platforms = [new("linux/amd64", "sha256:" + new string('b', 64)), new("linux/arm64", "sha256:" + new string('c', 64))],
        Labels = ["org.opencontainers.image.title=models", "org.opencontainers.image.description=a | pipe", "org.opencontainers.image.revision=abc123"],
        Version = "main",
        SemVer = "1.2.4-alpha.1",
        Pushed = true,
    };

    [Fact]
    public void Pushed_summary_has_image_digest_tags_platforms_pull_lines_and_compose_snippet()
    {
        var md = PublishSummary.ToMarkdown(Pushed);
        Assert.Contains("## MLflow image published", md);
        Assert.Contains("| Digest | `sha256:" + new string('a', 64) + "` |", md);
        Assert.Contains("- `ghcr.io/acme/models/mlflow:latest`", md);
        Assert.Contains("| `linux/arm64` | `sha256:" + new string('c', 64) + "` |", md);
        Assert.Contains("docker pull ghcr.io/acme/models/mlflow:main", md);
        Assert.Contains("    image: ghcr.io/acme/models/mlflow@sha256:" + new string('a', 64), md);
        Assert.Contains("| SemVer | `1.2.4-alpha.1` |", md);
    }

    [Fact]
    public void An_unchanged_rebuild_says_since_which_digest_and_that_no_tag_moved()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { UnchangedSince = Pushed.Digest });
        Assert.Contains("## MLflow image unchanged", md);
        Assert.Contains($"> Unchanged since `{Pushed.Digest}`: every platform image is the one the tags already hold, so no tag moved.", md);
        Assert.DoesNotContain("published", md);
    }

    [Fact]
    public void Only_key_labels_are_listed_and_cells_are_escaped()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { Labels = ["org.opencontainers.image.title=a | b\nc"] });
        Assert.Contains("| `org.opencontainers.image.title` | a \\| b c |", md);
        Assert.DoesNotContain("description", PublishSummary.ToMarkdown(Pushed));
    }

    [Fact]
    public void Unpushed_summary_says_why_and_offers_no_pull_lines()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { Pushed = false, Digest = null, NotPushedReason = "Pull request from a fork: built, not pushed." });
        Assert.Contains("## MLflow image built (not pushed)", md);
        Assert.Contains("> Pull request from a fork: built, not pushed.", md);
        Assert.DoesNotContain("docker pull", md);
    }

    [Fact]
    public void Outputs_are_image_digest_tags_version()
    {
        var outputs = PublishSummary.ToOutputs(Pushed).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["image", "digest", "tags", "version", "signed", "provenance"], outputs.Keys);
        Assert.Equal("ghcr.io/acme/models/mlflow:main\nghcr.io/acme/models/mlflow:latest", outputs["tags"]);
    }
}

public class PublishSummarySigningTests
{
    static readonly PublishReport Pushed = new() { Image = "ghcr.io/acme/models/mlflow", Digest = "sha256:abc", Tags = ["ghcr.io/acme/models/mlflow:main"], Pushed = true };

    [Fact]
    public void A_signed_publish_shows_the_table_the_base_image_and_the_verify_commands_and_outputs_signed_true()
    {
        var report = Pushed with
        {
            Signing = new SigningReport(true, "signed keyless with the workflow's GitHub OIDC identity.")
            {
                VerificationTable = "| Digest | Platform | Signature | Provenance | SBOM |\n",
                VerifyCommands = ["cosign verify --certificate-identity x ghcr.io/acme/models/mlflow@sha256:abc", "gh attestation verify oci://ghcr.io/acme/models/mlflow@sha256:abc --owner acme"],
                BaseImages = ["linux/amd64: pkg:docker/ghcr.io/mlflow/mlflow@v3.1.1?platform=linux%2Famd64 sha256:18f9"],
                PredicateFile = "/r/.nuke/temp/provenance.json",
            },
        };
        var md = PublishSummary.ToMarkdown(report);
        Assert.Contains("### Signature and provenance", md);
        Assert.Contains("| Digest | Platform | Signature | Provenance | SBOM |", md);
        Assert.Contains("gh attestation verify oci://ghcr.io/acme/models/mlflow@sha256:abc --owner acme", md);
        Assert.Contains("sha256:18f9", md);
        var outputs = PublishSummary.ToOutputs(report).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("true", outputs["signed"]);
        Assert.Equal("/r/.nuke/temp/provenance.json", outputs["provenance"]);
    }

    [Fact]
    public void An_unsigned_publish_says_unsigned_and_why()
    {
        var report = Pushed with { Signing = new SigningReport(false, "unsigned: no --cosign-key outside GitHub Actions.") };
        Assert.Contains("**Unsigned**: no --cosign-key outside GitHub Actions.", PublishSummary.ToMarkdown(report));
        Assert.Equal("false", PublishSummary.ToOutputs(report).Single(o => o.Key == "signed").Value);
    }
}
