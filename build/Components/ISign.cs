using Docker;
using Publishing;
using Signing;
using Tooling;

namespace Components;

/// <summary>
/// Signing with cosign: the parameters, the key check that runs before any build, the step Merge runs between
/// the staged index and the final tags (<see cref="SignBeforePromotionAsync"/>), and the Verify target that checks
/// any published image.
/// </summary>
interface ISign : IDockerBuildx
{
    /// <summary>SigningKey's result: the public key of --cosign-key (the default key Verify and the summary name).</summary>
    static readonly Result<SignerIdentity.PublicKey> DerivedPublicKey = new(nameof(SigningKey), "public key of --cosign-key");

    /// <summary>What Merge's signing step (<see cref="SignBeforePromotionAsync"/>) did, for the summary.</summary>
    static readonly Result<SigningOutcome> Signed = new(nameof(IMerge.Merge), "signing outcome");

    [Parameter("Sign and attest the pushed index and every platform with cosign (default: on for pushes on GitHub Actions and whenever --cosign-key is given; never without a push)")]
    bool Sign => SigningDecision.Sign;

    [Parameter("cosign private key file (its password in COSIGN_PASSWORD); without it, GitHub Actions signs keyless")]
    string? CosignKey => TryGetValue(() => CosignKey);

    [Parameter("Password of --cosign-key (also read from COSIGN_PASSWORD)"), Secret]
    string? CosignPassword => TryGetValue(() => CosignPassword);

    [Parameter("cosign public key to verify with (default: derived from --cosign-key; else keyless, this repository's workflow identity)")]
    string? CosignPublicKey => TryGetValue(() => CosignPublicKey);

    [Parameter("Repository for signatures and attestations (cosign's COSIGN_REPOSITORY), so the image's own package holds only images")]
    string? SignaturesRepository => TryGetValue(() => SignaturesRepository);

    [Parameter("Image Verify checks: registry/name:tag or registry/name@sha256:...", Name = "Image")]
    string? VerifyImage => TryGetValue(() => VerifyImage);

    [Parameter("Certificate identity keyless verification expects (default: this repository's workflow file at the current ref)")]
    string? CertificateIdentity => TryGetValue(() => CertificateIdentity);

    SigningDecision SigningDecision => SigningPolicy.Decide(TryGetValue<bool?>(() => Sign), Push, CosignKey is not null, LoadGitHubContext(),
        hasOidcToken: EnvironmentVariables.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_URL") is { Length: > 0 });

    /// <summary>The workflow whose keyless certificate identity verification expects: the one the build generates (overridable).</summary>
    string SigningWorkflowFile =>
        (System.Reflection.CustomAttributeExtensions.GetCustomAttributes<GitHub.Workflows.GitHubActionsAttribute>(GetType(), true).FirstOrDefault()?.Name ?? "publish") + ".yml";

    Target SigningKey => _ => _
        .Description("Checks that the cosign key opens with its password, before anything is built")
        .Unlisted()
        .Before(Login, DockerBuildx)
        .OnlyWhenDynamic(() => SigningDecision.Sign && CosignKey != null)
        .Executes(async () =>
        {
            Log.Information(SigningDecision.Reason);
            if (!File.Exists(CosignKey) && !DryRun) throw new BuildError($"The cosign key {CosignKey} does not exist (--cosign-key).");
            if (CosignPassword is { Length: > 0 } password) Log.AddSecret(password);
            var result = await DockerCli.RunAsync(CosignCommands.PublicKeyOf(CosignOptions), echoOutput: false);
            if (!result.Succeeded)
                throw new BuildError($"cosign cannot open the key {CosignKey}: {ImageVerifier.CosignError(result)} (is COSIGN_PASSWORD missing or wrong?). Nothing was built.");
            if (DryRun) return;
            var publicKey = TemporaryDirectory / "cosign-signing.pub";
            Directory.CreateDirectory(TemporaryDirectory);
            File.WriteAllText(publicKey, result.StandardOutput);
            Results.Set(DerivedPublicKey, new SignerIdentity.PublicKey(publicKey));
        });

    Target Verify => _ => _
        .Description("Verifies a published image: signatures of the index and each platform, provenance and SBOM per platform, the index attestation")
        .Requires(() => VerifyImage)
        .Executes(async () =>
        {
            var report = await new ImageVerifier(RunCosignAsync, RegistryApiFor).VerifyAsync(VerifyImage!, CosignOptions with { Key = null }, Verifier);
            if (report.Rows.Count > 0) foreach (var line in report.ToTextLines()) Log.Information(line);
            if (report.Passed) { Log.Information($"{VerifyImage} verified."); return; }
            foreach (var failure in report.Failures) Log.Error(failure);
            throw new BuildError($"{VerifyImage} did not verify: {report.Failures.Count} failure(s) above.");
        });

    /// <summary>Merge's seam: signs, attests and verifies the staged index; throws (so no tag moves) on any failure.</summary>
    async Task SignBeforePromotionAsync(PublishedIndex index, IReadOnlyList<PlatformImage> pushed)
    {
        var signer = new ImageSigner(RunCosignAsync, RegistryApiFor);
        IReadOnlyList<PlatformProvenance> platforms = [];
        var report = await signer.SignAndVerifyAsync(Image, index.Digest, pushed, CosignOptions, Verifier,
            resolved => ProvenanceFor(platforms = resolved), TemporaryDirectory / "provenance.json");
        foreach (var line in report.ToTextLines()) Log.Information(line);
        var bases = platforms.SelectMany(p => p.BaseImages.Select(b => (p.Platform, b.Uri, b.Digest))).ToList();
        Results.Set(Signed, new SigningOutcome(report, Verifier, TemporaryDirectory / "provenance.json", bases));
    }

    /// <summary>For the summary: signed or why not, the table, and the exact commands a user runs to verify.</summary>
    SigningReport? SigningReportFor(ImagePublication publication)
    {
        if (!publication.Pushed || publication.Digest is not { } digest) return null;
        if (Results.TryGet(Signed) is not { } outcome) return new SigningReport(false, SigningDecision.Reason);
        var reference = $"{publication.Image}@{digest}";
        var options = CosignOptions with { Key = null, SignaturesRepository = SignaturesRepository };
        List<string> commands =
        [
            CosignCommands.Verify(options, outcome.Verifier, reference).ToString(),
            $"./build.sh Verify --image {reference}" + (outcome.Verifier is SignerIdentity.PublicKey key ? $" --cosign-public-key {key.Path}" : ""),
        ];
        if (options.SignaturesRepository is { } repository) commands[0] = $"COSIGN_REPOSITORY={repository} " + commands[0];
        var context = LoadGitHubContext();
        if (context.IsGitHubActions && outcome.Verifier is SignerIdentity.Keyless)
            commands.Add($"gh attestation verify oci://{reference} --owner {context.Owner}");
        return new SigningReport(true, SigningDecision.Reason)
        {
            VerificationTable = outcome.Report.ToMarkdown(), VerifyCommands = commands, PredicateFile = outcome.PredicateFile,
            BaseImages = outcome.BaseImages.Select(b => $"{b.Platform}: {b.Uri} {b.Digest}").ToList(),
        };
    }

    CosignOptions CosignOptions => new()
    {
        Key = CosignKey, Password = CosignPassword, SignaturesRepository = SignaturesRepository,
        AllowInsecureRegistry = CosignOptions.IsLoopback(ImageReference.Parse(VerifyImage ?? Image).Registry),
    };

    /// <summary>The public key given, else the one derived from --cosign-key, else keyless (the workflow at the ref).</summary>
    SignerIdentity Verifier =>
        CosignPublicKey is { } given ? new SignerIdentity.PublicKey(given)
        : Results.TryGet(DerivedPublicKey) is { } derived ? derived
        : new SignerIdentity.Keyless(CertificateIdentity ?? WorkflowIdentity(LoadGitHubContext()));

    private string WorkflowIdentity(GitHub.GitHubContext context) =>
        SignerIdentity.Keyless.ForWorkflow(context.ServerUrl, context.Repository, SigningWorkflowFile, context.Ref).CertificateIdentity;

    Task<ToolResult> RunCosignAsync(ToolCommand command) => DockerCli.RunAsync(command, echoOutput: false);

    /// <summary>The registry API with the login the build uses: --registry-username/password, else docker's stored login.</summary>
    RegistryApi RegistryApiFor(ImageReference repository)
    {
        var credentials = repository.Registry == Registry && RegistryUsername is { } user && RegistryPassword is { } password
            ? (user, password) : DockerCredentials.Find(repository.Registry, DockerCli.Environment);
        return new RegistryApi(repository, credentials?.Item1, credentials?.Item2);
    }

    ProvenanceFacts ProvenanceFor(IReadOnlyList<PlatformProvenance> platforms)
    {
        var context = LoadGitHubContext();
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

/// <summary>What signing produced, for the summary: the verification table and who the verifier trusts.</summary>
sealed record SigningOutcome(VerificationReport Report, SignerIdentity Verifier, string PredicateFile,
    IReadOnlyList<(string Platform, string Uri, string Digest)> BaseImages);
