namespace Components;

/// <summary>Publish: the whole pipeline, as the seed workflow ran it: Checkout, Tag, Login, DockerBuildx, Merge, Summary.</summary>
interface IPublish : ICheckout, ISummary
{
    Target Publish => _ => _
        .Description("Builds and publishes the image (locally: builds and loads it), then writes the summary")
        .DependsOn(Checkout, DockerBuildx, Merge, Summary);
}
