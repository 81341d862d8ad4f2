using Tooling;

namespace Docker;

/// <summary>
/// <c>docker buildx imagetools create</c>: one index from per-platform images, all tags applied in one step.
/// Sources are <c>image@sha256:...</c> references; annotations use buildx's <c>index:key=value</c> form.
/// </summary>
internal sealed record ImagetoolsCreateSettings(IReadOnlyList<string> Sources)
{
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Annotations { get; init; } = [];
    public string? Builder { get; init; }
    public bool Append { get; init; }
    public bool DryRun { get; init; }

    public ToolCommand ToCommand()
    {
        var args = new List<string> { "buildx", "imagetools", "create" };
        if (Builder is { Length: > 0 }) args.AddRange(["--builder", Builder]);
        foreach (var tag in Tags) args.AddRange(["--tag", tag]);
        // One argv element per annotation: no shell, so none of the quoting trouble of buildx#3061.
        foreach (var annotation in Annotations) args.AddRange(["--annotation", annotation]);
        if (Append) args.Add("--append");
        if (DryRun) args.Add("--dry-run");
        args.AddRange(Sources);
        return new ToolCommand("docker", args);
    }
}

/// <summary><c>docker buildx imagetools inspect</c>, raw or with a Go template (e.g. <c>{{json .Manifest}}</c>).</summary>
internal sealed record ImagetoolsInspectSettings(string Reference)
{
    public bool Raw { get; init; }
    public string? Format { get; init; }
    public string? Builder { get; init; }

    public ToolCommand ToCommand()
    {
        var args = new List<string> { "buildx", "imagetools", "inspect" };
        if (Builder is { Length: > 0 }) args.AddRange(["--builder", Builder]);
        if (Raw) args.Add("--raw");
        if (Format is { Length: > 0 }) args.AddRange(["--format", Format]);
        args.Add(Reference);
        return new ToolCommand("docker", args);
    }
}
