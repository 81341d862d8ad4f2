namespace Components;

interface IDockerBuildx : ITag, ILogin, IHazMlflowVersions
{
    Target DockerBuildx => _ => _
        .Description("Builds dockerfile.mlflow with buildx and pushes or loads it")
        .DependsOn(Tag, Login)
        .Requires(() => MlflowBuildArgsAreValid)
        .Executes(() => { });
}
