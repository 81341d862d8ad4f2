using System.Text;

namespace Signing;

/// <summary>One check's outcome: passed, or why not (one line); <see cref="Unreachable"/>: not decided, Sigstore was out of reach.</summary>
internal sealed record CheckResult(bool Passed, string Detail, bool Unreachable = false)
{
    public static readonly CheckResult Ok = new(true, "ok");
    public static readonly CheckResult NotApplicable = new(true, "-");
    public static CheckResult Failed(string reason) => new(false, reason);
    public static CheckResult OutOfReach(string reason) => new(false, reason, Unreachable: true);
    public override string ToString() => Passed ? Detail : Unreachable ? "UNCHECKED" : "FAILED";
}

/// <summary>A row of the table: the index (platform "index") or one platform manifest.</summary>
internal sealed record VerificationRow(string Digest, string Platform, CheckResult Signature, CheckResult Provenance, CheckResult Sbom);

/// <summary>
/// What Verify found for one image: a row per digest, and one line per failed check. Pure: rendered for the
/// terminal and for the Markdown summary.
/// </summary>
internal sealed record VerificationReport(string Image, IReadOnlyList<VerificationRow> Rows, IReadOnlyList<string> Problems)
{
    /// <summary>Who the signatures were checked against: the public key, or the keyless identity and its issuer.</summary>
    public string? CheckedAgainst { get; init; }

    /// <summary>One line per failed check; checks Sigstore's being out of reach left open are one line for all of them.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var checks = Rows.SelectMany(row => new[] { ("signature", row.Signature), (row.Platform == "index" ? "index attestation" : "provenance", row.Provenance), ("SBOM", row.Sbom) }
                .Where(check => !check.Item2.Passed).Select(check => (Row: row, Name: check.Item1, Result: check.Item2))).ToList();
            var unreachable = checks.Where(c => c.Result.Unreachable).ToList();
            return
            [
                .. Problems,
                .. unreachable.Count > 0 ? [$"{unreachable.Count} check(s) not made: {unreachable[0].Result.Detail}; {CosignFailure.OfflineOptions}."] : Array.Empty<string>(),
                .. checks.Where(c => !c.Result.Unreachable).Select(c => $"{c.Row.Platform} {c.Row.Digest}: {c.Name}: {c.Result.Detail}"),
            ];
        }
    }

    public bool Passed => Failures.Count == 0;

    public IReadOnlyList<string> ToTextLines() => CheckedAgainst is { } signer ? [$"Checked against {signer}", .. TableLines()] : TableLines();

    IReadOnlyList<string> TableLines()
    {
        string[] header = ["DIGEST", "PLATFORM", "SIGNATURE", "PROVENANCE", "SBOM"];
        var cells = Rows.Select(r => new[] { r.Digest, r.Platform, r.Signature.ToString(), r.Provenance.ToString(), r.Sbom.ToString() }).ToList();
        var widths = header.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] row) => string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();
        return [Line(header), .. cells.Select(Line)];
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder(CheckedAgainst is { } signer ? $"Checked against {signer}.\n\n" : "");
        md.Append("| Digest | Platform | Signature | Provenance | SBOM |\n| --- | --- | --- | --- | --- |\n");
        foreach (var r in Rows)
            md.Append($"| `{r.Digest}` | {r.Platform} | {Mark(r.Signature)} | {Mark(r.Provenance)} | {Mark(r.Sbom)} |\n");
        return md.ToString();
    }

    static string Mark(CheckResult check) => check.Passed ? (check.Detail == "-" ? "-" : "✅") : "❌";
}
