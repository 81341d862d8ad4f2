using Docker;

namespace Components;

/// <summary>
/// Login / Logout: <c>docker login --password-stdin</c> when the run will push, and a logout at the end of the
/// build, also after a failure. docker keeps the login in the user's DOCKER_CONFIG, as it always does.
/// </summary>
interface ILogin : IHazImage, IHazDocker
{
    [Parameter("Push the image (default: on GitHub Actions for push, workflow_dispatch and same-repository pull requests; never for fork pull requests; locally off)")]
    bool Push => PushDecision.Push;

    [Parameter("Registry user (default: the GitHub actor)")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername) ?? (GitHubContext.Actor is { Length: > 0 } actor ? actor : null);

    [Parameter("Registry password or token (default on GitHub Actions: GITHUB_TOKEN)"), Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword) ?? (IsServerBuild ? EnvironmentVariables.GetValueOrDefault("GITHUB_TOKEN") : null);

    [Parameter("Keep the registry login after the build instead of logging out")]
    bool KeepLogin => TryGetValue<bool?>(() => KeepLogin) ?? false;

    PushDecision PushDecision => PushPolicy.Decide(TryGetValue<bool?>(() => Push), GitHubContext);

    Target Login => _ => _
        .Description("Logs in to the container registry when the image will be pushed (password on stdin)")
        .Triggers(Logout)
        // The seed's order, Checkout → Tag → Login: a login is only worth making once the tags are known.
        .TryAfter<ITag>(x => x.Tag)
        .Executes(async () =>
        {
            Log.Information(PushDecision.Reason);
            if (!Push) { Log.Information($"Login to {Registry} skipped: nothing will be pushed."); return; }
            // Without a GitHub owner/repo the default name would be the bare suffix: never push under a guess.
            if (!ImageNameIsKnown)
                throw new BuildError($"Cannot tell which repository to push to: the origin remote names no GitHub owner/repo. Pass --image-name {ImageNameExample}.");
            var user = RegistryUsername ?? (DryRun ? "<user>" : throw new BuildError("No registry user: pass --registry-username (on GitHub Actions the actor is used)."));
            var password = RegistryPassword ?? (DryRun ? "" : throw new BuildError($"No password for {Registry}: set REGISTRY_PASSWORD or pass --registry-password (on GitHub Actions GITHUB_TOKEN is used)."));
            Log.AddSecret(password);
            // The runner hides it from every later line of the job; it must reach stdout unmasked to work.
            if (IsServerBuild && password.Length > 0) Console.Out.WriteLine($"::add-mask::{password}");
            // A login the user already had stays after the build: Logout must not take away what it did not make.
            var wasLoggedIn = !DryRun && DockerCredentials.Find(Registry, DockerCli.Environment) is not null;
            if (wasLoggedIn) Log.Information($"The docker config already holds a login for {Registry}; it is kept after the build.");
            await RegistryRetry.RunAsync($"docker login to {Registry} as {user}",
                () => DockerCli.RunAsync(new DockerLoginSettings(Registry, user, password).ToCommand()));
            State.Set(new RegistryLogin(Registry, wasLoggedIn));
        });

    /// <summary>This run made the registry login (it was not there before), so Logout may remove it.</summary>
    bool LoggedInByThisRun => State.TryGet<RegistryLogin>() is { WasLoggedInBefore: false };

    Target Logout => _ => _
        .Description("Logs out of the registry at the end of the build, also after a failure (--keep-login keeps the login)")
        .Unlisted()
        .AssuredAfterFailure()
        .OnlyWhenDynamic(() => LoggedInByThisRun && !KeepLogin)
        .Executes(async () => await DockerCli.RunAsync(new DockerLogoutSettings(State.Get<RegistryLogin>().Registry).ToCommand()));
}

/// <summary>This run logged in to the registry; Logout undoes it unless a login was there before.</summary>
sealed record RegistryLogin(string Registry, bool WasLoggedInBefore);
