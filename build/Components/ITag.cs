namespace Components;

interface ITag : INukeBuild
{
    Target Tag => _ => _
        .Description("Computes image tags, labels and annotations (docker/metadata-action rules)")
        .Executes(() => { });
}
