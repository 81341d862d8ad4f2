namespace Components;

/// <summary>Publish: the whole pipeline, as the seed workflow ran it: Checkout → Tag → Login → DockerBuildx → SmokeTest → Merge → Summary.</summary>
interface IPublish : ICheckout, IMerge, ISummary
{
    Target Publish => _ => _
        .Description("Runs Checkout, Tag, Login, DockerBuildx, SmokeTest, Merge, Summary: builds, tests and publishes the image (locally: builds, loads and tests it)")
        // A check the build adds (its smoke test) makes Publish depend on it itself (TryDependentFor).
        .DependsOn(Checkout, DockerBuildx, Merge, Summary);
}
