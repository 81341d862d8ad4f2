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
    public void A_publish_that_built_nothing_names_the_kept_index_its_inputs_and_its_base()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { UnchangedSince = Pushed.Digest, UnchangedInputs = ("sha256:f1", "sha256:ba5e") });
        Assert.Contains("## MLflow image unchanged", md);
        Assert.Contains($"> Unchanged: `{Pushed.Digest}` already carries inputs `sha256:f1` (base `sha256:ba5e`): nothing was built or pushed.", md);
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

    static readonly global::Publishing.ImageUsage Mlflow = new(Port: 5000, RunCommand: "mlflow server", ServeCommand: "mlflow server --host 0.0.0.0");

    [Fact]
    public void A_loaded_image_ends_with_its_run_line_on_the_free_host_port()
    {
        var loaded = Pushed with { Pushed = false, Digest = null, Platforms = [], Tags = ["local/shop/mlflow:main"], Usage = Mlflow, HostPort = 40123, NotPushedReason = "Local build without --push." };
        var lines = PublishSummary.ToMarkdown(loaded).TrimEnd().Split('\n');
        Assert.Contains("docker run --rm -p 40123:5000 local/shop/mlflow:main mlflow server", lines[^4..]);
        Assert.StartsWith("Port 5000 is taken on this machine, so the line uses 40123", lines[^1]);
        Assert.StartsWith("The first number is the port on this machine", PublishSummary.ToMarkdown(loaded with { HostPort = 5000 }).TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void A_dry_run_is_headed_as_one_and_offers_no_run_line()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { Pushed = false, Digest = null, DryRun = true, Usage = Mlflow, NotPushedReason = "Dry run: nothing was built or pushed." });
        Assert.StartsWith("## MLflow image: dry run (nothing built or pushed)\n", md);
        Assert.DoesNotContain("docker run", md);
    }

    [Fact]
    public void The_version_row_is_the_one_the_heading_names_and_the_tag_version_follows()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { Title = "MLflow 3.1.1 image", ImageVersion = "3.1.1" });
        Assert.Contains("| Version | `3.1.1` |\n| Tag version | `main` |", md);
        Assert.Contains("| Version | `main` |", PublishSummary.ToMarkdown(Pushed));
    }

    [Fact]
    public void A_pushed_image_ends_with_what_to_do_next()
    {
        var md = PublishSummary.ToMarkdown(Pushed with { Usage = Mlflow });
        Assert.Contains($"docker run --rm -p 5000:5000 ghcr.io/acme/models/mlflow@{Pushed.Digest} mlflow server", md);
        Assert.True(md.IndexOf("### Use it", StringComparison.Ordinal) > md.IndexOf("### Labels", StringComparison.Ordinal));
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
