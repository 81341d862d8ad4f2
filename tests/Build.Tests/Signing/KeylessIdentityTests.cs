using global::Workflows;
using Signing;

namespace Build.Tests.Signing;

public class KeylessIdentityTests
{
    [Fact]
    public void On_GitHub_Actions_the_running_workflow_names_the_identity_whatever_the_build_would_guess()
    {
        var identity = KeylessIdentity.Resolve(new IdentitySources("Owner/Repo/.github/workflows/other.yml@refs/tags/v1", "https://ghe.example.com/",
            "Owner/Repo", "mlflow-image-publish.yml", "refs/heads/main"));
        Assert.Equal("https://ghe.example.com/Owner/Repo/.github/workflows/other.yml@refs/tags/v1", identity.CertificateIdentity);
        Assert.Equal("https://token.actions.githubusercontent.com", identity.Issuer);
    }

    [Fact]
    public void Elsewhere_the_signing_workflow_of_the_repository_at_the_ref_or_the_default_branch()
    {
        Assert.Equal("https://github.com/Owner/Repo/.github/workflows/publish.yml@refs/heads/main",
            KeylessIdentity.Resolve(new IdentitySources(null, "https://github.com", "Owner/Repo", "publish.yml", "refs/heads/main")).CertificateIdentity);
        Assert.Equal("https://github.com/Owner/Repo/.github/workflows/publish.yml@refs/heads/trunk",
            KeylessIdentity.Resolve(new IdentitySources(null, "https://github.com", "Owner/Repo", "publish.yml", "", "trunk")).CertificateIdentity);
    }

    [Theory]
    [InlineData("", "publish.yml", "refs/heads/main", "--repository <owner>/<repo>")]
    [InlineData("Owner", "publish.yml", "refs/heads/main", "--repository <owner>/<repo>")]
    [InlineData("Owner/Repo", null, "refs/heads/main", "no single workflow of this build has the signing job")]
    [InlineData("Owner/Repo", "publish.yml", "", "no branch is checked out")]
    public void When_it_cannot_be_known_it_says_which_option_to_give_instead_of_an_empty_identity(string repository, string? file, string gitRef, string expected)
    {
        var error = Assert.Throws<BuildError>(() => KeylessIdentity.Resolve(new IdentitySources(null, "https://github.com", repository, file, gitRef)));
        Assert.Contains(expected, error.Message);
        Assert.Contains("--certificate-identity", error.Message);
    }

    [Fact]
    public void The_builds_signing_workflow_is_the_publish_workflow_whatever_the_attribute_order()
    {
        Assert.Equal("mlflow-image-publish.yml", SigningWorkflow.FileOf(typeof(SignerIdentity).Assembly.GetType("Build", throwOnError: true)!));
        Assert.Null(SigningWorkflow.FileOf(typeof(KeylessIdentityTests)));
    }
}
