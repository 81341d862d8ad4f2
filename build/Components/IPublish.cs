namespace Components;

/// <summary>Publish: the whole pipeline, as the seed workflow ran it: Checkout → Tag → Login → DockerBuildx → Merge → Summary.</summary>
interface IPublish : ICheckout, ISummary
{
    Target Publish => _ => _
        .Description("Runs Checkout, Tag, Login, DockerBuildx, Merge, Summary: builds and publishes the image (locally: builds and loads it)")
        .DependsOn(Checkout, DockerBuildx, Merge, Summary);
}
