using Tooling;

namespace Signing;

/// <summary>
/// Who may have signed: a public key, or (keyless) the certificate GitHub's OIDC token got from Fulcio, named
/// by the workflow file at a ref and the token issuer.
/// </summary>
internal abstract record SignerIdentity
{
    public const string GitHubActionsIssuer = "https://token.actions.githubusercontent.com";

    public sealed record PublicKey(string Path) : SignerIdentity
    {
        public override string ToString() => $"the public key {Path}";
    }

    /// <summary>A certificate for <paramref name="CertificateIdentity"/> from <paramref name="Issuer"/>; see <see cref="KeylessIdentity"/>.</summary>
    public sealed record Keyless(string CertificateIdentity, string Issuer = GitHubActionsIssuer) : SignerIdentity
    {
        public override string ToString() => $"the keyless identity {CertificateIdentity} (issuer {Issuer})";
    }
}

/// <summary>
/// What every cosign call of one run shares: the private key (null: keyless), its password, where signatures go,
/// and whether the registry is spoken to over plain HTTP. Secrets go in the child's environment, never argv.
/// </summary>
internal sealed record CosignOptions
{
    /// <summary>Private key file for sign/attest; null signs keyless (OIDC, Fulcio, Rekor).</summary>
    public string? Key { get; init; }
    public Secret? Password { get; init; }
    /// <summary>Another repository for signatures and attestations (cosign's COSIGN_REPOSITORY).</summary>
    public string? SignaturesRepository { get; init; }
    /// <summary>Docker talks plain HTTP to loopback registries by default; cosign needs to be told.</summary>
    public bool AllowInsecureRegistry { get; init; }
    /// <summary>A docker config directory holding the build's registry login (cosign reads logins from there, never from argv).</summary>
    public string? DockerConfig { get; init; }
    /// <summary>Verify without the transparency log (an offline choice the user makes).</summary>
    public bool IgnoreTransparencyLog { get; init; }
    /// <summary>A Sigstore trusted root file, instead of fetching it from the TUF repository (offline keyless verification).</summary>
    public string? TrustedRoot { get; init; }

    /// <summary>Docker's rule for registries it treats as insecure without configuration: the loopback ones.</summary>
    public static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']') + 1)] : registry.Split(':')[0];
        return host is "localhost" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    /// <summary>The key's password for the child's environment: empty is what cosign generate-key-pair stores for an unprotected key; unset would prompt.</summary>
    internal IReadOnlyDictionary<string, Secret> Secrets(bool withPassword) =>
        withPassword && Key is not null ? new Dictionary<string, Secret> { ["COSIGN_PASSWORD"] = Password ?? new Secret("") } : new Dictionary<string, Secret>();

    internal IReadOnlyDictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>();
        if (SignaturesRepository is { Length: > 0 } repository) environment["COSIGN_REPOSITORY"] = repository;
        if (DockerConfig is { Length: > 0 } config) environment["DOCKER_CONFIG"] = config;
        return environment;
    }

    internal IEnumerable<string> RegistryFlags => AllowInsecureRegistry ? ["--allow-insecure-registry"] : [];
}

/// <summary>The cosign invocations the build makes, as argv lists (cosign 2.5's flags; see the README for cosign 3).</summary>
internal static class CosignCommands
{
    /// <summary>Signs each reference (by digest) in one call: with a key, no transparency-log upload (the public key is the anchor).</summary>
    public static ToolCommand Sign(CosignOptions options, IReadOnlyList<string> references) =>
        Command(options, withPassword: true,
            ["sign", "--yes", .. SigningFlags(options), .. options.RegistryFlags, .. references]);

    /// <summary>Attaches an in-toto attestation with <paramref name="predicateFile"/> (SLSA provenance v1) to one digest.</summary>
    public static ToolCommand Attest(CosignOptions options, string reference, string predicateFile, string type = "slsaprovenance1") =>
        Command(options, withPassword: true,
            ["attest", "--yes", .. SigningFlags(options), "--type", type, "--predicate", predicateFile, .. options.RegistryFlags, reference]);

    public static ToolCommand Verify(CosignOptions options, SignerIdentity signer, string reference) =>
        Command(options, withPassword: false, ["verify", .. VerifyFlags(options, signer), .. options.RegistryFlags, reference]);

    public static ToolCommand VerifyAttestation(CosignOptions options, SignerIdentity signer, string reference, string type = "slsaprovenance1") =>
        Command(options, withPassword: false, ["verify-attestation", .. VerifyFlags(options, signer), "--type", type, .. options.RegistryFlags, reference]);

    /// <summary>The same verify call, looking for Sigstore bundles (cosign 3's format, OCI 1.1 referrers) instead of the .sig/.att tags.</summary>
    public static ToolCommand InBundleFormat(ToolCommand verify) => verify with { Arguments = [verify.Arguments[0], "--new-bundle-format", .. verify.Arguments.Skip(1)] };

    /// <summary>Prints the public key of a private key: it has to decrypt the key, so a wrong password fails here, before any build.</summary>
    public static ToolCommand PublicKeyOf(CosignOptions options) =>
        Command(options, withPassword: true, ["public-key", "--key", options.Key ?? throw new ArgumentException("no key to check")]);

    static IEnumerable<string> SigningFlags(CosignOptions options) =>
        options.Key is { } key ? ["--key", key, "--tlog-upload=false"] : [];

    /// <summary>A key signs without the transparency log, so a key verifies without it; keyless uses it unless the user opts out.</summary>
    static IEnumerable<string> VerifyFlags(CosignOptions options, SignerIdentity signer) =>
    [
        .. signer switch
        {
            SignerIdentity.PublicKey key => ["--key", key.Path, "--insecure-ignore-tlog"],
            SignerIdentity.Keyless keyless => new[] { "--certificate-identity", keyless.CertificateIdentity, "--certificate-oidc-issuer", keyless.Issuer }
                .Concat(options.IgnoreTransparencyLog ? ["--insecure-ignore-tlog"] : []),
            _ => throw new ArgumentOutOfRangeException(nameof(signer)),
        },
        .. options.TrustedRoot is { } root ? ["--trusted-root", root] : Array.Empty<string>(),
    ];

    static ToolCommand Command(CosignOptions options, bool withPassword, IReadOnlyList<string> arguments) =>
        new("cosign", arguments) { Environment = options.Environment(), SecretEnvironment = options.Secrets(withPassword) };
}
