using Tooling;

namespace Docker;

/// <summary>
/// <c>docker login</c> / <c>docker logout</c>. The password only ever travels on standard input
/// (<c>--password-stdin</c>), so it is never in argv, where <c>ps</c> and /proc would show it.
/// </summary>
internal sealed record DockerLoginSettings(string Registry, string Username, Secret Password)
{
    public ToolCommand ToCommand() =>
        new("docker", ["login", Registry, "--username", Username, "--password-stdin"]) { SecretInput = Password };

    // The password is a Secret (*** in any text) and kept out of ToString, so a logged settings object cannot show it.
    public override string ToString() => $"docker login {Registry} --username {Username} --password-stdin";
}

internal sealed record DockerLogoutSettings(string Registry)
{
    public ToolCommand ToCommand() => new("docker", ["logout", Registry]);
}
