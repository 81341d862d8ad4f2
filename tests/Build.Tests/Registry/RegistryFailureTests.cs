using Registry;

namespace Build.Tests.Registry;

public class RegistryFailureTests
{
    [Theory]
    [InlineData("Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized", nameof(RegistryFailureKind.Authentication))]
    [InlineData("ERROR: failed to solve: failed to push 127.0.0.1:5000/x/y:1: unexpected status from HEAD request to http://127.0.0.1:5000/v2/x/y/blobs/sha256:ab: 401 Unauthorized", nameof(RegistryFailureKind.Authentication))]
    [InlineData("denied: permission_denied: write_package", nameof(RegistryFailureKind.Authentication))]
    [InlineData("ERROR: failed to solve: failed to push ghcr.io/o/r:1: unexpected status: 403 Forbidden", nameof(RegistryFailureKind.Authentication))]
    [InlineData("ERROR: failed to solve: failed to push x: unexpected status from PUT request to http://r/v2/x/manifests/1: 503 Service Unavailable", nameof(RegistryFailureKind.Transient))]
    [InlineData("ERROR: failed to solve: failed to do request: Head \"http://127.0.0.1:5099/v2/x/blobs/sha256:1\": dial tcp 127.0.0.1:5099: connect: connection refused", nameof(RegistryFailureKind.Transient))]
    [InlineData("read tcp 10.0.0.2:4711->140.82.112.33:443: read: connection reset by peer", nameof(RegistryFailureKind.Transient))]
    [InlineData("net/http: TLS handshake timeout", nameof(RegistryFailureKind.Transient))]
    [InlineData("ERROR: failed to solve: failed to do request: Get \"http://127.0.0.1:41234/v2/x/mlflow/manifests/sha256:ab\": EOF", nameof(RegistryFailureKind.Transient))]
    [InlineData("failed to copy: httpReadSeeker: failed open: unexpected EOF", nameof(RegistryFailureKind.Transient))]
    [InlineData("write tcp 127.0.0.1:5000->127.0.0.1:4711: write: broken pipe", nameof(RegistryFailureKind.Transient))]
    [InlineData("read tcp 127.0.0.1:4711->127.0.0.1:5000: use of closed network connection", nameof(RegistryFailureKind.Transient))]
    [InlineData("dial tcp: lookup ghcr.io: i/o timeout", nameof(RegistryFailureKind.Transient))]
    [InlineData("unexpected status: 502 Bad Gateway", nameof(RegistryFailureKind.Transient))]
    [InlineData("toomanyrequests: You have reached your pull rate limit", nameof(RegistryFailureKind.Transient))]
    [InlineData("failed commit on ref \"manifest-sha256:04aec30bf6241f26a80fd8a0ca49a9de6a04cd251e83d4e6a71e7163cc1058df\": unexpected status from PUT request to http://127.0.0.1:44193/v2/x/mlflow/manifests/staging-92e4a2b8-linux-amd64: 400 Bad Request", nameof(RegistryFailureKind.Transient))]
    [InlineData("manifest blob unknown: MANIFEST_BLOB_UNKNOWN", nameof(RegistryFailureKind.Transient))]
    [InlineData("unexpected status: 400 Bad Request", nameof(RegistryFailureKind.BadRequest))]
    [InlineData("invalid reference format: repository name must be lowercase", nameof(RegistryFailureKind.BadRequest))]
    [InlineData("MANIFEST_INVALID: manifest invalid", nameof(RegistryFailureKind.BadRequest))]
    [InlineData("ERROR: failed to solve: process \"/bin/sh -c pip install -r /tmp/requirements.txt\" did not complete successfully: exit code: 1", nameof(RegistryFailureKind.Other))]
    [InlineData("ERROR: failed to solve: process \"/bin/sh -c cat <<EOF > /x\\n503\\nEOF\" did not complete successfully: exit code: 2", nameof(RegistryFailureKind.Other))]
    // The kind is internal to the build, so a row names it.
    public void Classifies_registry_errors(string text, string expected) => Assert.Equal(expected, RegistryFailure.Classify(text).ToString());

    [Fact]
    public void The_reason_is_the_last_error_line_without_its_prefix() =>
        Assert.Equal("failed to solve: boom", RegistryFailure.Reason("#1 building\n#2 DONE\nERROR: failed to solve: boom\n"));

    [Fact]
    public async Task Transient_failures_are_retried_with_each_attempt_logged_then_end_in_one_line()
    {
        var attempts = 0;
        var retry = new TransientRetry(new RetryOptions(MaxAttempts: 3, BaseDelaySeconds: 0.01, MaxDelaySeconds: 0.05));
        var error = await Assert.ThrowsAsync<BuildError>(() => retry.RunAsync("Pushing", () =>
        {
            attempts++;
            return Task.FromResult(new Tooling.ToolResult(1, "", "ERROR: failed to push: 503 Service Unavailable"));
        }));
        Assert.Equal(3, attempts);
        Assert.Contains("3 times", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public async Task A_transient_failure_then_success_returns_the_success()
    {
        var attempts = 0;
        var retry = new TransientRetry(new RetryOptions(MaxAttempts: 4, BaseDelaySeconds: 0.01));
        var result = await retry.RunAsync("Pushing", () => Task.FromResult(++attempts < 3
            ? new Tooling.ToolResult(1, "", "connection reset by peer")
            : new Tooling.ToolResult(0, "ok", "")));
        Assert.Equal(3, attempts);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("401 Unauthorized", "refused")]
    [InlineData("400 Bad Request", "rejected")]
    [InlineData("exit code: 1", "failed")]
    public async Task Authentication_bad_request_and_other_failures_are_not_retried(string stderr, string word)
    {
        var attempts = 0;
        var retry = new TransientRetry(new RetryOptions(MaxAttempts: 4, BaseDelaySeconds: 0.01));
        var error = await Assert.ThrowsAsync<BuildError>(() => retry.RunAsync("Pushing", () => { attempts++; return Task.FromResult(new Tooling.ToolResult(1, "", stderr)); }));
        Assert.Equal(1, attempts);
        Assert.Contains(word, error.Message);
    }
}
