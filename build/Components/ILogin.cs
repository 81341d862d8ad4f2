using Docker;
using Publishing;
using Registry;

namespace Components;

/// <summary>
/// Login / Logout: <c>docker login --password-stdin</c> when the run will push, into this run's own docker config
/// (a copy of the user's, in the run's temporary folder), and at the end of the build, also after a failure,
/// Logout removes that config. The user's docker config and credential helpers are never written to, unless
/// --keep-login asks for the login to stay there.
/// </summary>
interface ILogin : IHazImage, IHazDocker
{
    /// <summary>Login's result: the login this run made (Logout removes it).</summary>
    static readonly Result<RegistryLogin> LoginMade = new(nameof(Login), "registry login");

    [Parameter("Push the image (default: on GitHub Actions for push, workflow_dispatch and same-repository pull requests; never for fork pull requests; locally off)")]
    bool Push => PushDecision.Push;

    [Parameter("Registry user (default on GitHub Actions: the actor; locally: the user of the docker config's login for the registry)")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername)
        ?? (IsServerBuild && GitHubContext.Actor is { Length: > 0 } actor ? actor : null);

    [Parameter("Registry password or token (default on GitHub Actions: GITHUB_TOKEN)"), Secret]
    Secret? RegistryPassword => TryGetValue(() => RegistryPassword) ?? (IsServerBuild ? GitHubToken : null);

    [Parameter("Log in to your own docker config and keep the login after the build (default: a login of the run's own, removed at the end)")]
    bool KeepLogin => TryGetValue<bool?>(() => KeepLogin) ?? false;

    PushDecision PushDecision => PushPolicy.Decide(TryGetValue<bool?>(() => Push), GitHubContext);

    /// <summary>
    /// Locally, without --registry-username, the login the user's docker config holds for the registry (a credential
    /// helper is a process): Login reads it when it runs.
    /// </summary>
    private async Task<UserLogin?> FindExistingLoginAsync() =>
        !IsServerBuild && TryGetValue(() => RegistryUsername) is null && await DockerCredentials.FindAsync(Registry, DockerCli.UserEnvironment) is { } pair
            ? new UserLogin(pair.Username, pair.Password) : null;

    /// <summary>
    /// The one rule for the login the build's registry calls use: --registry-username and the password for the
    /// build's registry, else docker's stored login (this run's Login, or the user's) for <paramref name="registry"/>.
    /// Read now; docker's stored login is looked up when the registry first asks for a login (<see cref="RegistryLogins"/>).
    /// </summary>
    RegistryLogins.Lookup RegistryCredentialsFor(string registry)
    {
        if (registry == Registry && RegistryUsername is { } user && RegistryPassword is { } password) return RegistryLogins.Given(user, password);
        var environment = DockerCli.Environment;
        return RegistryLogins.Once(() => DockerCredentials.FindAsync(registry, environment));
    }

    /// <summary>The registry API for <paramref name="repository"/> with <see cref="RegistryCredentialsFor"/>'s login.</summary>
    RegistryApi RegistryApiFor(ImageReference repository) => new(repository, RegistryCredentialsFor(repository.Registry));

    Target Login => _ => _
        .Description("Logs in to the container registry when the image will be pushed (password on stdin, in the run's own docker config)")
        .Resolves(ResolveGitHubContextAsync)
        .Triggers(Logout)
        // The seed's order, Checkout → Tag → Login: a login is only worth making once the tags are known.
        .TryAfter<ITag>(x => x.Tag)
        // Skipped (not "Succeeded") when nothing is pushed; DockerBuildx and Summary say why nothing is pushed.
        .OnlyWhenDynamic(() => Push)
        // Pushing with a misspelt parameter (--imag-name) would publish what the user did not ask for.
        .RefusesUnknownArguments()
        // The failed run's Logout took the login away: --continue logs in again before pushing.
        .RerunOnContinue("its login ended with the failed run")
        .Executes(async () =>
        {
            Log.Information(PushDecision.Reason);
            // Checked before anything else: an empty --registry would send the password to Docker Hub.
            var registry = Registry;
            // Without a GitHub owner/repo the default name would be the bare suffix: never push under a guess.
            if (!ImageNameIsKnown && DryRun)
                Log.Warning($"Dry run: no GitHub owner/repo is known, so the commands below use the placeholder {Image}; a real push stops here and asks for --image-name {ImageNameExample}.");
            else if (!ImageNameIsKnown)
                throw new BuildError($"Cannot tell which repository to push to: the origin remote names no GitHub owner/repo. Pass --image-name {ImageNameExample}.");
            Log.Debug($"The image goes to {Image}.");
            var found = await FindExistingLoginAsync();
            if (RegistryPassword is null && found is { } existing)
            {
                Log.Information($"Using the login for {registry} (user {existing.Username}) your docker config already holds; it stays as it is.");
                return;
            }
            var user = RegistryUsername ?? found?.Username ?? (DryRun ? "<user>" : throw new BuildError(IsServerBuild
                ? "No registry user: GITHUB_ACTOR is empty; pass --registry-username."
                : $"No registry user: your docker config holds no login for {registry}; pass --registry-username (or run 'docker login {registry}' first)."));
            var password = RegistryPassword ?? (DryRun ? new Secret("") : throw new BuildError($"No password for {registry}: set REGISTRY_PASSWORD or pass --registry-password (on GitHub Actions GITHUB_TOKEN is used)."));
            // The runner hides it from every later line of the job; those lines must reach stdout unmasked to work.
            if (IsServerBuild) Log.AddMaskOnRunner(password);
            string? privateConfig = null;
            if (!KeepLogin && !DryRun)
            {
                privateConfig = RunTemporaryDirectory / "docker-config";
                var userDirectory = DockerConfigFile.Directory(DockerCli.UserEnvironment);
                DockerCli.UseConfig(await PrivateDockerConfig.CreateAsync(userDirectory, privateConfig, registry, DockerCli.UserEnvironment));
                Log.Information($"Logging in with a docker config of this run's own ({privateConfig}); {userDirectory} is left as it is.");
            }
            Results.Set(LoginMade, new RegistryLogin(registry, privateConfig, user));
            await RegistryRetry.RunAsync($"docker login to {registry} as {user}",
                () => DockerCli.RunAsync(new DockerLoginSettings(registry, user, password).ToCommand()));
        });

    /// <summary>This run made a login that is not to be kept: in its own docker config, or (dry run) without --keep-login.</summary>
    bool LoggedInByThisRun => Results.TryGet(LoginMade) is { } login && (login.PrivateConfig is not null || !KeepLogin);

    Target Logout => _ => _
        .Description("Removes the run's registry login at the end of the build, also after a failure (--keep-login keeps it)")
        .Unlisted()
        .AssuredCleanup()
        .OnlyWhenDynamic(() => LoggedInByThisRun)
        .Executes(async () =>
        {
            var login = Results.Get(LoginMade);
            await DockerCli.RunAsync(new DockerLogoutSettings(login.Registry).ToCommand());
            if (login.PrivateConfig is null) return;
            DockerCli.UseConfig(null);
            Directory.Delete(login.PrivateConfig, recursive: true);
            Log.Information($"Removed this run's docker config {login.PrivateConfig}.");
        });
}

/// <summary>This run logged in to the registry, in its own docker config (null: in the user's, with --keep-login or a dry run).</summary>
sealed record RegistryLogin(string Registry, string? PrivateConfig, string User);

/// <summary>A login the user's docker config already held for the registry.</summary>
sealed record UserLogin(string Username, Secret Password)
{
    public override string ToString() => $"UserLogin {{ Username = {Username} }}";
}
