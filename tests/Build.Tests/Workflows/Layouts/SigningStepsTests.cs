using Build.Tests.Support;
using global::Workflows;
using global::Workflows.Layouts;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows.Layouts;

/// <summary>The keyless path on GitHub Actions, as data: the committed workflow's jobs, permissions and steps.</summary>
public class SigningStepsTests
{
    static YamlMappingNode Committed() =>
        WorkflowYaml.Read(File.ReadAllText(Path.Combine(Repo.Root, ".github", "workflows", "mlflow-image-publish.yml")));

    static IEnumerable<string> Keys(YamlNode node) => ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    [Fact]
    public void Only_the_merge_job_may_ask_for_an_OIDC_token_and_attestations_and_never_for_a_forks_pull_request()
    {
        var jobs = Committed().At("jobs");
        Assert.Equal(["contents", "packages"], Keys(jobs.At("build", "permissions")));
        Assert.Equal(["attestations", "contents", "id-token", "packages"], Keys(jobs.At("merge", "permissions")));
        Assert.Equal("write", jobs.At("merge", "permissions", "id-token").Text());
        Assert.Contains($" && ({SigningSteps.NotForkPullRequest}) && ", jobs.At("merge", "if").Text());
        // The workflow-wide block grants nothing beyond reading the code.
        Assert.Equal(["contents"], Keys(Committed().At("permissions")));
    }

    [Fact]
    public void Cosign_is_installed_pinned_to_the_tested_release_before_the_build_and_the_index_is_attested_after_it_when_signed()
    {
        var steps = ((YamlSequenceNode)Committed().At("jobs", "merge", "steps")).Children.Cast<YamlMappingNode>().ToList();
        string Uses(YamlMappingNode step) => step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) ? uses.Text().Split('@')[0] : "run";
        var uses = steps.Select(Uses).ToList();
        // The installer right before the build step, the attestation right after it (other setup steps come first).
        Assert.Equal(["sigstore/cosign-installer", "run", "actions/attest"], uses[^3..]);
        var install = steps[^3];
        Assert.Equal(SigningSteps.CosignRelease, install.At("with", "cosign-release").Text());
        Assert.StartsWith("v2.", SigningSteps.CosignRelease);
        Assert.Contains($"@{ActionPins.CosignInstaller.Sha}", install.At("uses").Text());
        var attest = steps[^1];
        Assert.Equal("steps.merge.outputs.signed == 'true' && steps.merge.outputs.provenance != ''", attest.At("if").Text());
        Assert.Equal("${{ steps.merge.outputs.digest }}", attest.At("with", "subject-digest").Text());
        Assert.Equal("${{ steps.merge.outputs.image }}", attest.At("with", "subject-name").Text());
        Assert.Equal("true", attest.At("with", "push-to-registry").Text());
        Assert.Equal("https://slsa.dev/provenance/v1", attest.At("with", "predicate-type").Text());
    }

    [Fact]
    public void Apply_keeps_an_existing_job_condition()
    {
        var job = new WorkflowJob("merge") { If = "github.ref == 'refs/heads/main'" };
        job.Steps.Add(new BuildStep { Id = "merge", Targets = ["Merge"] });
        SigningSteps.Apply(job, "merge");
        Assert.Equal($"github.ref == 'refs/heads/main' && ({SigningSteps.NotForkPullRequest})", job.If);
        Assert.Equal(PermissionLevel.Write, job.Permissions![GitHubActionsPermissions.IdToken]);
    }
}
