namespace Components;

interface ICheckout : INukeBuild
{
    Target Checkout => _ => _
        .Description("Makes sure the git checkout is usable and reports branch, sha and version")
        .Executes(() => { });
}
