namespace Components;

interface IDockerBuildx : ITag, ILogin
{
    Target DockerBuildx => _ => _
        .Description("Builds dockerfile.mlflow with buildx and pushes or loads it")
        .DependsOn(Tag, Login)
        .Executes(() => { });
}
