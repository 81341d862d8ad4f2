namespace Components;

interface ILogin : INukeBuild
{
    Target Login => _ => _
        .Description("Logs in to the container registry")
        .Executes(() => { });
}
