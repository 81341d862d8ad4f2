using System.Text.RegularExpressions;

namespace Registry;

internal enum RegistryFailureKind
{
    /// <summary>Not recognisably a registry problem (a failing RUN step, a syntax error): not retried.</summary>
    Other,
    /// <summary>5xx, 429, a dropped, reset or refused connection, timeouts: worth another attempt.</summary>
    Transient,
    /// <summary>401/403, denied, bad credentials: another attempt cannot help.</summary>
    Authentication,
    /// <summary>400, invalid names or manifests: another attempt cannot help.</summary>
    BadRequest,
}

/// <summary>Sorts a failed docker/buildx command's error text into what retrying can and cannot fix.</summary>
internal static partial class RegistryFailure
{
    public static RegistryFailureKind Classify(string errorText)
    {
        // A failing RUN step quotes its own command, which may well say "EOF" (a heredoc) or "503": never a registry's doing.
        if (errorText.Contains("did not complete successfully", StringComparison.Ordinal)) return RegistryFailureKind.Other;
        // Authentication first: a 401 is often wrapped in text that also says "failed to do request".
        if (AuthenticationPattern().IsMatch(errorText)) return RegistryFailureKind.Authentication;
        // A 400 to the PUT of a manifest the pusher itself made means a blob it names is not (yet) in the repository
        // (MANIFEST_BLOB_UNKNOWN): seen here when identical content is pushed at once elsewhere. Pushing again
        // uploads what is missing, so it is retried; any other 400 is the request's fault.
        if (ManifestBlobUnknownPattern().IsMatch(errorText)) return RegistryFailureKind.Transient;
        if (BadRequestPattern().IsMatch(errorText)) return RegistryFailureKind.BadRequest;
        if (TransientPattern().IsMatch(errorText)) return RegistryFailureKind.Transient;
        return RegistryFailureKind.Other;
    }

    /// <summary>The line of <paramref name="errorText"/> that says what went wrong (buildx puts it last, after "ERROR:").</summary>
    public static string Reason(string errorText)
    {
        var lines = Tooling.ToolResult.Lines(errorText);
        var line = lines.LastOrDefault(l => l.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Error", StringComparison.Ordinal))
                   ?? lines.LastOrDefault() ?? "no error output";
        return Log.Mask(line.StartsWith("ERROR: ", StringComparison.Ordinal) ? line["ERROR: ".Length..] : line);
    }

    [GeneratedRegex(@"\b(401|403)\b|unauthori[sz]ed|\bdenied\b|authentication required|incorrect username or password|no basic auth credentials|invalid username/password|bad credentials", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationPattern();

    [GeneratedRegex(@"failed commit on ref ""manifest-sha256:[0-9a-f]+"": unexpected status from PUT request to \S+/manifests/\S+: 400 Bad Request|\bMANIFEST_BLOB_UNKNOWN\b")]
    private static partial Regex ManifestBlobUnknownPattern();

    [GeneratedRegex(@"\b400 Bad Request\b|\bMANIFEST_INVALID\b|\bNAME_INVALID\b|\bTAG_INVALID\b|manifest invalid|invalid reference format|repository name must be lowercase|\b(413|422)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BadRequestPattern();

    // A dropped connection (Go reports a bare "EOF" or "unexpected EOF") is as transient as a reset or a refusal.
    [GeneratedRegex(@"\b(500|502|503|504)\b|\b429\b|too ?many ?requests|internal server error|bad gateway|service unavailable|gateway time-?out|connection reset|connection refused|broken pipe|use of closed network connection|server closed idle connection|i/o timeout|timeout exceeded|timed out|TLS handshake timeout|\bEOF\b|no route to host|server misbehaving", RegexOptions.IgnoreCase)]
    private static partial Regex TransientPattern();
}
