namespace Components;

interface IPublish : ICheckout, IMerge
{
    Target Publish => _ => _
        .Description("Builds and publishes the image, then writes the summary")
        .DependsOn(Checkout, DockerBuildx, Merge)
        .Executes(() => { });
}
