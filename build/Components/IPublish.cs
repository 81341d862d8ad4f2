namespace Components;

/// <summary>Publish: the whole pipeline, as the seed workflow ran it: Checkout → Tag → Login → DockerBuildx → SmokeTest → Merge → Summary.</summary>
interface IPublish : ICheckout, IMerge, ISummary
{
    Target Publish => _ => _
        .Description("Runs Checkout, Tag, Login, DockerBuildx, SmokeTest, Merge, Summary: builds, tests and publishes the image (locally: builds, loads and tests it)")
        .DependsOn(Checkout, DockerBuildx, Merge, Summary)
        // The smoke test, where the build has one: it runs between the build and the step that moves tags.
        .TryDependsOn<ISmokeTest>(x => x.SmokeTest);
}
