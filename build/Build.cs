/// <summary>
/// Builds and publishes the MLflow tracking-server image: the pipeline reads
/// Checkout → Tag → Login → DockerBuildx → Publish (summary), as the seed workflow did.
/// </summary>
partial class Build : NukeBuild, ICheckout, ITag, ILogin, IDockerBuildx, IPublish, IPrune
{
    public static int Main() => Execute<Build>(x => ((IPublish)x).Publish);
}
