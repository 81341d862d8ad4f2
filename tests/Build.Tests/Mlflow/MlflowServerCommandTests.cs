using Mlflow;
using Publishing;

namespace Build.Tests.Mlflow;

/// <summary>
/// The compose line fits the MLflow version: from 3.5.0 the tracking server's security middleware answers only
/// Host headers it knows (MLflow's "Tracking Server Security" docs: --allowed-hosts, MLFLOW_SERVER_ALLOWED_HOSTS).
/// </summary>
public class MlflowServerCommandTests
{
    [Theory]
    [InlineData("v3.1.1", false)]
    [InlineData("v3.4.9", false)]
    [InlineData("v3.5.0", true)]
    [InlineData("v3.5.0rc0", true)]
    [InlineData("3.10.1", true)]
    [InlineData("v4.0.0", true)]
    [InlineData("v2.22.1", false)]
    [InlineData("latest", true)]   // unknown: assume a new server, the flag is harmless there
    public void The_host_check_starts_with_3_5(string version, bool checks) => Assert.Equal(checks, MlflowServerCommand.ChecksHostHeader(version));

    [Fact]
    public void The_compose_command_names_the_allowed_hosts_only_where_the_server_checks_them()
    {
        Assert.Equal("mlflow server --host 0.0.0.0 --port 5000", MlflowServerCommand.For("v3.1.1"));
        Assert.Equal("mlflow server --host 0.0.0.0 --port 5000 --allowed-hosts \"localhost:5000,mlflow:5000\"", MlflowServerCommand.For("v3.5.0"));
    }

    [Fact]
    public void The_summary_shows_the_command_and_the_note_of_the_version()
    {
        var report = new PublishReport { Image = "ghcr.io/a/b/mlflow", Digest = "sha256:" + new string('a', 64), Pushed = true, Tags = ["ghcr.io/a/b/mlflow:3.5.0"] };
        var newer = PublishSummary.ToMarkdown(report with { Usage = new(5000, "mlflow server", MlflowServerCommand.For("v3.5.0"), MlflowServerCommand.HostNote) });
        Assert.Contains("    command: mlflow server --host 0.0.0.0 --port 5000 --allowed-hosts \"localhost:5000,mlflow:5000\"", newer);
        Assert.Contains("MLflow 3.5+ answers only Host headers it knows", newer);
        var older = PublishSummary.ToMarkdown(report with { Usage = new(5000, "mlflow server", MlflowServerCommand.For("v3.1.1")) });
        Assert.Contains("    command: mlflow server --host 0.0.0.0 --port 5000\n", older.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("allowed-hosts", older);
    }
}
