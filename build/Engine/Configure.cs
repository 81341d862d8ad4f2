namespace Engine;

/// <summary>
/// NUKE's seam for a tool's settings: a component declares one for each tool its targets run
/// (<c>Configure&lt;BuildxBuildSettings&gt; BuildxSettings =&gt; _ =&gt; _;</c>), and a build class changes them by overriding
/// the member (<c>... IDockerBuildx.BuildxSettings =&gt; _ =&gt; _ with { Labels = [.. _.Labels, "team=web"] };</c>).
/// </summary>
public delegate T Configure<T>(T settings);
