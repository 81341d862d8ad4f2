using System.Text.Json.Nodes;
using Build.Tests.Components;
using Build.Tests.Git;

namespace Build.Tests.Versioning;

/// <summary>
/// GitVersion normalises the repository it runs on when it sees GitHub Actions (local branches from GITHUB_REF,
/// HEAD moved). With GITHUB_ACTIONS=true outside a real runner that is the user's repository: the build must
/// leave it exactly as it was, and still get the pull request's version.
/// </summary>
public class GitVersionSideEffectTests
{
    [Fact]
    public async Task Checkout_on_a_pull_request_ref_leaves_branches_and_HEAD_alone()
    {
        using var origin = TemporaryGitRepository.WithCommits(2);
        using var repository = TemporaryGitRepository.Create();
        repository.Git("remote", "add", "origin", origin.Path);
        repository.Git("fetch", "-q", "origin");
        repository.Git("checkout", "-q", "-f", "--detach", "origin/main");
        repository.Commit("the pull request's merge commit");
        var branches = repository.Git("for-each-ref", "--format=%(refname) %(objectname)");
        var head = repository.Git("rev-parse", "HEAD");
        var scratch = Directory.CreateTempSubdirectory("gitversion-side-effects-").FullName;
        try
        {
            var payload = new JsonObject
            {
                ["number"] = 7,
                ["pull_request"] = new JsonObject { ["number"] = 7, ["head"] = new JsonObject { ["ref"] = "feature" }, ["base"] = new JsonObject { ["ref"] = "main" } },
            };
            var environment = BadInputProcessTests.Actions(repository.Path, scratch, payload);

            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Checkout"]);

            Assert.True(exitCode == 0, output);
            Assert.Contains("GitVersion: SemVer", output);
            Assert.Contains("PullRequest", output.Split('\n').First(l => l.Contains("GitVersion: SemVer")), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(branches, repository.Git("for-each-ref", "--format=%(refname) %(objectname)"));
            Assert.Equal(head, repository.Git("rev-parse", "HEAD"));
            Assert.Equal("", repository.Git("branch", "--show-current").Trim());
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }
}
