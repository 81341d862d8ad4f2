using System.Text.RegularExpressions;

namespace Signing;

/// <summary>
/// What a failed cosign check means, in one line a user can act on: signed by someone else ("signed by X, expected
/// Y"), not signed, or Sigstore's services out of reach (then the offline options). Pure: cosign's error text in.
/// </summary>
internal static partial class CosignFailure
{
    /// <summary>The one line Verify prints when Sigstore's TUF repository or Rekor cannot be reached.</summary>
    public const string OfflineOptions =
        "to verify without them, if you accept that, pass --trusted-root <trusted_root.json> (a Sigstore trusted root; cosign 2.6 or later) or --insecure-ignore-tlog (skips the transparency log; keyless still needs the Fulcio root)";

    public static CheckResult Interpret(string error, SignerIdentity signer)
    {
        if (Unreachable(error)) return CheckResult.OutOfReach($"Sigstore could not be reached ({ServiceOf(error)})");
        if (OtherIdentity().Match(error) is { Success: true } other && signer is SignerIdentity.Keyless expected)
            return CheckResult.Failed($"signed by {other.Groups["subjects"].Value} (issuer {other.Groups["issuer"].Value}), expected {expected.CertificateIdentity} (issuer {expected.Issuer})");
        if (signer is SignerIdentity.PublicKey key && error.Contains("no matching", StringComparison.Ordinal)
            && (error.Contains("invalid signature", StringComparison.Ordinal) || error.Contains("verification error", StringComparison.Ordinal)))
            return CheckResult.Failed($"signed by another key, expected the key {key.Path}");
        return CheckResult.Failed(error);
    }

    /// <summary>cosign could not fetch Sigstore's trust material (TUF) or talk to Rekor/Fulcio: the network, not the image.</summary>
    static bool Unreachable(string error) =>
        (error.Contains("tuf", StringComparison.OrdinalIgnoreCase) || error.Contains("rekor", StringComparison.OrdinalIgnoreCase)
            || error.Contains("fulcio", StringComparison.OrdinalIgnoreCase) || error.Contains("trusted root", StringComparison.OrdinalIgnoreCase)
            || error.Contains("ctlog", StringComparison.OrdinalIgnoreCase))
        && (error.Contains("no such host", StringComparison.Ordinal) || error.Contains("dial tcp", StringComparison.Ordinal)
            || error.Contains("connection refused", StringComparison.Ordinal) || error.Contains("i/o timeout", StringComparison.Ordinal)
            || error.Contains("network is unreachable", StringComparison.Ordinal) || error.Contains("failed to download", StringComparison.Ordinal)
            || error.Contains("deadline exceeded", StringComparison.Ordinal) || error.Contains("TLS handshake timeout", StringComparison.Ordinal));

    /// <summary>"tuf-repo-cdn.sigstore.dev: no such host": the host and the reason, without cosign's chain of wrappers.</summary>
    static string ServiceOf(string error)
    {
        var host = Host().Match(error) is { Success: true } match ? match.Groups[1].Value : "the TUF repository or Rekor";
        var reason = new[] { "no such host", "connection refused", "i/o timeout", "network is unreachable", "deadline exceeded", "TLS handshake timeout" }
            .FirstOrDefault(r => error.Contains(r, StringComparison.Ordinal)) ?? "no answer";
        return $"{host}: {reason}";
    }

    [GeneratedRegex(@"got subjects \[(?<subjects>[^\]]*)\] with issuer (?<issuer>\S+)")]
    private static partial Regex OtherIdentity();

    [GeneratedRegex(@"https?://([^/""\s:]+)")]
    private static partial Regex Host();
}
