namespace Signing;

/// <summary>
/// The key or identity a user verifies with, as the user knows it: a public key file they gave (or the .pub beside
/// their private key), their private key (its public half is printed first), or the keyless identity and issuer.
/// Never a file of the run's own, which the next run overwrites or removes.
/// </summary>
internal abstract record UserVerifier
{
    public sealed record Key(string PublicKeyFile) : UserVerifier;
    public sealed record PrivateKeyOnly(string PrivateKeyFile) : UserVerifier;
    public sealed record Identity(SignerIdentity.Keyless Keyless) : UserVerifier;
}

/// <summary>What the summary's verify lines name, beyond the image: where signatures are, and the registry login the build used.</summary>
internal sealed record VerifySetting(string Reference, UserVerifier Verifier, CosignOptions Options, string? Registry = null, string? RegistryUser = null);

/// <summary>The lines the summary prints to verify the published index after the run: they run as printed.</summary>
internal static class VerifyInstructions
{
    const string DerivedPublicKey = "cosign.pub";

    public static IReadOnlyList<string> Lines(VerifySetting setting)
    {
        var lines = new List<string>();
        SignerIdentity signer = setting.Verifier switch
        {
            UserVerifier.Key key => new SignerIdentity.PublicKey(key.PublicKeyFile),
            UserVerifier.Identity identity => identity.Keyless,
            _ => new SignerIdentity.PublicKey(DerivedPublicKey),
        };
        if (setting.Verifier is UserVerifier.PrivateKeyOnly privateKey)
            lines.Add($"COSIGN_PASSWORD=... cosign public-key --key {privateKey.PrivateKeyFile} --outfile {DerivedPublicKey}");
        var cosign = CosignCommands.Verify(setting.Options with { DockerConfig = null }, signer, setting.Reference).ToString();
        lines.Add(setting.Options.SignaturesRepository is { } repository ? $"COSIGN_REPOSITORY={repository} {cosign}" : cosign);
        if (setting.RegistryUser is { } user) lines.Add($"# with REGISTRY_PASSWORD set to the password of {user} on {setting.Registry}:");
        var build = new List<string> { "./build.sh", "Verify", "--image", setting.Reference };
        if (setting.RegistryUser is { } login) build.AddRange(["--registry", setting.Registry!, "--registry-username", login]);
        build.AddRange(setting.Verifier switch
        {
            UserVerifier.Key key => ["--cosign-public-key", key.PublicKeyFile],
            UserVerifier.PrivateKeyOnly => ["--cosign-public-key", DerivedPublicKey],
            UserVerifier.Identity identity => ["--certificate-identity", identity.Keyless.CertificateIdentity, "--certificate-oidc-issuer", identity.Keyless.Issuer],
            _ => [],
        });
        if (setting.Options.SignaturesRepository is { } signatures) build.AddRange(["--signatures-repository", signatures]);
        lines.Add(string.Join(' ', build));
        return lines;
    }

    /// <summary>The .pub cosign generate-key-pair wrote beside the private key, when it holds exactly <paramref name="publicKeyPem"/>.</summary>
    public static string? PublicKeyBeside(string privateKeyFile, string publicKeyPem)
    {
        var beside = Path.ChangeExtension(privateKeyFile, ".pub");
        try { return File.Exists(beside) && File.ReadAllText(beside).Trim() == publicKeyPem.Trim() ? beside : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
