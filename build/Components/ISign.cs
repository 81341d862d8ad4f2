using Docker;
using Publishing;
using Registry;
using Signing;
using Tooling;

namespace Components;

/// <summary>
/// Signing with cosign: the parameters, the key check that runs before any build, the step Merge runs between
/// the staged index and the final tags (<see cref="SignBeforePromotionAsync"/>), and the Verify target that checks
/// any published image. An add-on to Merge (it signs what Merge stages): Merge finds it with `this as ISign` and
/// runs without it in a build class that does not list it.
/// </summary>
partial interface ISign : IMerge
{
    /// <summary>SigningKey's result: the public key of --cosign-key (the default key Verify and the summary name).</summary>
    static readonly Result<SignerIdentity.PublicKey> DerivedPublicKey = new(nameof(SigningKey), "public key of --cosign-key");

    /// <summary>What Merge's signing step (<see cref="SignBeforePromotionAsync"/>) did, for the summary.</summary>
    static readonly Result<SigningOutcome> Signed = new(nameof(IMerge.Merge), "signing outcome", Changes: true);

    [Parameter("Sign and attest the pushed index and every platform with cosign (default: on for pushes on GitHub Actions and whenever --cosign-key is given; never without a push)")]
    bool Sign => SigningDecision.Sign;

    [Parameter("cosign private key file (its password in COSIGN_PASSWORD); without it, GitHub Actions signs keyless")]
    string? CosignKey => TryGetValue(() => CosignKey);

    [Parameter("Password of --cosign-key (also read from COSIGN_PASSWORD)"), Secret]
    Secret? CosignPassword => TryGetValue(() => CosignPassword);

    [Parameter("cosign public key to verify with (default: derived from --cosign-key; else keyless, this repository's workflow identity)")]
    string? CosignPublicKey => TryGetValue(() => CosignPublicKey);

    [Parameter("Repository for signatures and attestations (cosign's COSIGN_REPOSITORY), so the image's own package holds only images")]
    string? SignaturesRepository => TryGetValue(() => SignaturesRepository);

    [Parameter("Image Verify checks: registry/name:tag or registry/name@sha256:...", Name = "Image")]
    string? VerifyImage => TryGetValue(() => VerifyImage);

    [Parameter("Certificate identity keyless verification expects (default: on GitHub Actions the running workflow, GITHUB_WORKFLOW_REF; else this build's signing workflow of --repository at the current ref)")]
    string? CertificateIdentity => TryGetValue(() => CertificateIdentity);

    [Parameter("OIDC issuer of the keyless certificate Verify expects (default: GitHub Actions' token issuer)")]
    string? CertificateOidcIssuer => TryGetValue(() => CertificateOidcIssuer);

    [Parameter("Verify keyless signatures without the transparency log (Rekor): an offline choice; keyless still needs the Fulcio root (--trusted-root)")]
    bool InsecureIgnoreTlog => TryGetValue<bool?>(() => InsecureIgnoreTlog) ?? false;

    [Parameter("Sigstore trusted root file (trusted_root.json) Verify uses instead of fetching it from Sigstore's TUF repository (cosign 2.6 or later)")]
    string? TrustedRoot => TryGetValue(() => TrustedRoot);

    [Parameter("GitHub owner/repo whose workflow signs keyless (default: the GitHub context or the origin remote)")]
    string? Repository => TryGetValue(() => Repository);

    SigningDecision SigningDecision => SigningPolicy.Decide(TryGetValue<bool?>(() => Sign), Push, CosignKey is not null, GitHubContext,
        hasOidcToken: EnvironmentVariables.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_URL") is { Length: > 0 });

    /// <summary>The workflow whose job signs keyless: the one of this build's workflows that has the signing job (overridable).</summary>
    string? SigningWorkflowFile => Workflows.SigningWorkflow.FileOf(GetType());

    Target SigningKey => _ => _
        .Description("Checks that the cosign key opens with its password, before anything is built")
        .Resolves(ResolveGitHubContextAsync)
        .Unlisted()
        .Before(Login, DockerBuildx)
        .OnlyWhenDynamic(() => SigningDecision.Sign && CosignKey != null)
        .Executes(async () =>
        {
            Log.Information(SigningDecision.Reason);
            if (!File.Exists(CosignKey) && !DryRun) throw new BuildError($"The cosign key {CosignKey} does not exist (--cosign-key).");
            var result = await DockerCli.RunAsync(CosignCommands.PublicKeyOf(CosignOptions), echoOutput: false);
            if (!result.Succeeded)
                throw new BuildError($"cosign cannot open the key {CosignKey}: {ImageVerifier.CosignError(result)} (is COSIGN_PASSWORD missing or wrong?). Nothing was built.");
            if (DryRun) return;
            Results.Set(DerivedPublicKey, WritePublicKey(TemporaryDirectory / "cosign-signing.pub", result.StandardOutput));
        });

    /// <summary>The public half of --cosign-key, written to <paramref name="file"/>; null when cosign cannot open the key.</summary>
    async Task<SignerIdentity.PublicKey?> PublicKeyOfAsync(string file)
    {
        var result = await DockerCli.RunAsync(CosignCommands.PublicKeyOf(CosignOptions), echoOutput: false);
        return result.Succeeded ? WritePublicKey(file, result.StandardOutput) : null;
    }

    private static SignerIdentity.PublicKey WritePublicKey(string file, string pem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, pem);
        return new SignerIdentity.PublicKey(file);
    }

    Target Verify => _ => _
        .Description("Verifies a published image: signatures of the index and each platform, provenance and SBOM per platform, the index attestation")
        .Resolves(ResolveGitHubContextAsync)
        .Resolves(ResolveCosignLoginAsync)
        .Requires(() => VerifyImage)
        .Executes(async () =>
        {
            // Only a private key given: its public half, made in this run's own folder.
            var signer = CosignPublicKey is null && Results.TryGet(DerivedPublicKey) is null && CosignKey is { } key
                ? await PublicKeyOfAsync(RunTemporaryDirectory / "cosign-verify.pub") ?? throw new BuildError($"cosign cannot open the key {key} (is COSIGN_PASSWORD missing or wrong?); or pass --cosign-public-key.")
                : Verifier;
            Log.Information($"Checking {VerifyImage} against {signer}.");
            var options = CosignOptions with { Key = null, IgnoreTransparencyLog = InsecureIgnoreTlog, TrustedRoot = TrustedRoot };
            var report = await new ImageVerifier(RunCosignAsync, RegistryApiFor).VerifyAsync(VerifyImage!, options, signer);
            if (report.Rows.Count > 0) foreach (var line in report.ToTextLines()) Log.Information(line);
            if (report.Passed) { Log.Information($"{VerifyImage} verified."); return; }
            foreach (var failure in report.Failures) Log.Error(failure);
            throw new BuildError($"{VerifyImage} did not verify: {report.Failures.Count} failure(s) above.");
        });

    /// <summary>For the summary: signed or why not, the table, and the exact commands a user runs to verify after the run.</summary>
    SigningReport? SigningReportFor(ImagePublication publication)
    {
        if (!publication.Pushed || publication.Digest is not { } digest) return null;
        if (Results.TryGet(Signed) is not { } outcome) return new SigningReport(false, SigningDecision.Reason);
        var reference = $"{publication.Image}@{digest}";
        // Locally, the login this run made is gone after it: the line names it as parameters (GitHub runners' tokens expire).
        var login = Results.TryGet(LoginMade) is { } made && !IsServerBuild ? made.User : null;
        var setting = new VerifySetting(reference, UserVerifierFor(outcome.Verifier),
            CosignOptions with { Key = null, Password = null, DockerConfig = null }, Registry, login);
        List<string> commands = [.. VerifyInstructions.Lines(setting)];
        var context = GitHubContext;
        if (context.IsGitHubActions && outcome.Verifier is SignerIdentity.Keyless)
            commands.Add($"gh attestation verify oci://{reference} --owner {context.Owner}");
        return new SigningReport(true, outcome.Summary ?? SigningDecision.Reason)
        {
            VerificationTable = outcome.Report.ToMarkdown(), VerifyCommands = commands, PredicateFile = outcome.PredicateFile is { Length: > 0 } file ? file : null,
            BaseImages = outcome.BaseImages.Select(b => $"{b.Platform}: {b.Uri} {b.Digest}").ToList(),
        };
    }

    /// <summary>The key as the user gave it (never the run's own copy), or the keyless identity.</summary>
    private UserVerifier UserVerifierFor(SignerIdentity verifier) =>
        CosignPublicKey is { } given ? new UserVerifier.Key(given)
        : verifier is SignerIdentity.Keyless keyless ? new UserVerifier.Identity(keyless)
        : CosignKey is { } key && verifier is SignerIdentity.PublicKey derived && File.Exists(derived.Path)
            && VerifyInstructions.PublicKeyBeside(key, File.ReadAllText(derived.Path)) is { } beside ? new UserVerifier.Key(beside)
        : CosignKey is { } privateKey ? new UserVerifier.PrivateKeyOnly(privateKey)
        : new UserVerifier.Key(((SignerIdentity.PublicKey)verifier).Path);

    /// <summary>The options of every cosign command Sign and Verify run (NUKE's <c>Configure&lt;T&gt;</c> seam): a build class overrides this to change them.</summary>
    Configure<CosignOptions> CosignSettings => settings => settings;

    CosignOptions CosignOptions => CosignSettings(new()
    {
        Key = CosignKey, Password = CosignPassword, SignaturesRepository = SignaturesRepository,
        AllowInsecureRegistry = CosignOptions.IsLoopback(ImageReference.Parse(VerifyImage ?? Image).Registry),
        // A publish's cosign reads the login its Login made (or the user's); Verify has no Login target.
        DockerConfig = VerifyImage is not null ? Once.TryGet(CosignLoginOnce)?.DockerConfig : null,
    });

    static readonly Once<CosignRegistryLogin> CosignLoginOnce = new("the registry login cosign reads");

    /// <summary>
    /// cosign reads registry logins only from a docker config. Where the build holds the login as parameters
    /// (--registry-username, REGISTRY_PASSWORD) and no docker login of this run has it, cosign gets a docker config of
    /// the run's own with that login (deleted with the run's folder). Otherwise cosign reads the login docker uses:
    /// this run's Login, or the user's stored one.
    /// </summary>
    private Task<CosignRegistryLogin> ResolveCosignLoginAsync()
    {
        var registry = ImageReference.Parse(VerifyImage ?? Image).Registry;
        if (DryRun || registry != Registry || RegistryUsername is not { } user || RegistryPassword is not { } password)
            return Task.FromResult(new CosignRegistryLogin(null));
        var (directory, environment) = (RunTemporaryDirectory / "cosign-docker-config", DockerCli.UserEnvironment);
        return Once.ResolveAsync(CosignLoginOnce, async () =>
        {
            await PrivateDockerConfig.CreateWithLoginAsync(DockerConfigFile.Directory(environment), directory, registry, user, password, environment);
            return new CosignRegistryLogin(directory);
        });
    }

    /// <summary>The public key given, else the one derived from --cosign-key, else keyless (the workflow at the ref).</summary>
    SignerIdentity Verifier =>
        CosignPublicKey is { } given ? new SignerIdentity.PublicKey(given)
        : Results.TryGet(DerivedPublicKey) is { } derived ? derived
        : new SignerIdentity.Keyless(CertificateIdentity ?? WorkflowIdentity.CertificateIdentity, CertificateOidcIssuer ?? SignerIdentity.GitHubActionsIssuer);

    /// <summary>The keyless identity of this repository's signing workflow (<see cref="KeylessIdentity"/>): the one place it is computed.</summary>
    private SignerIdentity.Keyless WorkflowIdentity
    {
        get
        {
            var context = GitHubContext;
            return KeylessIdentity.Resolve(new IdentitySources(
                context.IsGitHubActions ? EnvironmentVariables.GetValueOrDefault("GITHUB_WORKFLOW_REF") : null,
                context.ServerUrl, Repository ?? context.Repository, SigningWorkflowFile, context.Ref, context.DefaultBranch));
        }
    }

    Task<ToolResult> RunCosignAsync(ToolCommand command) => DockerCli.RunAsync(command, echoOutput: false);

    ProvenanceFacts ProvenanceFor(IReadOnlyList<PlatformProvenance> platforms)
    {
        var context = GitHubContext;
        var source = context.Repository.Length > 0 ? $"{context.ServerUrl}/{context.Repository}" : (string)RootDirectory;
        return new ProvenanceFacts
        {
            SourceRepository = source, Commit = context.Sha, Ref = context.Ref,
            Invocation = context.IsGitHubActions ? $"{source}/actions/runs/{context.RunId}/attempts/{context.RunAttempt}" : $"host:{Environment.MachineName}",
            BuilderId = context.IsGitHubActions ? "https://github.com/actions/runner/github-hosted" : $"host:{Environment.MachineName}",
            BuildArgs = BuildArguments.Select(p => $"{p.Key}={p.Value}").ToList(),
            Platforms = platforms,
            StartedOn = DateTimeOffset.UtcNow,
        };
    }
}

/// <summary>The docker config holding the build's registry login for cosign; null: docker's own (this run's Login, or the user's).</summary>
sealed record CosignRegistryLogin(string? DockerConfig);

/// <summary>What signing produced, for the summary: the verification table and who the verifier trusts.</summary>
sealed record SigningOutcome(VerificationReport Report, SignerIdentity Verifier, string PredicateFile,
    IReadOnlyList<(string Platform, string Uri, string Digest)> BaseImages)
{
    /// <summary>The summary's sentence when it is not the signing decision's (an unchanged image: signatures current, or signed anew).</summary>
    public string? Summary { get; init; }
}
