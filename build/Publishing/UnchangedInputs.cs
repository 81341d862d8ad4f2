namespace Publishing;

/// <summary>
/// Is this run's build already published? When the final tags that exist all point at one index and that index
/// carries this run's <see cref="InputFingerprint"/>, building again would make the same image: nothing is built
/// or pushed, and a tag that is missing or points elsewhere moves to that index. Pure: DockerBuildx hands it the
/// fingerprint and what each final tag holds now.
/// </summary>
internal static class UnchangedInputs
{
    /// <summary>The tag whose index carries <paramref name="fingerprint"/> (all such tags agree on one index), or null: build.</summary>
    public static TagBefore? Find(string fingerprint, IReadOnlyList<TagBefore> current)
    {
        var carrying = current.Where(t => t.Manifest is { } manifest && InputFingerprint.On(manifest) == fingerprint).ToList();
        // Two indexes with the same inputs (two runs raced): which one is "the" image is not ours to pick.
        return carrying.Count > 0 && carrying.Select(t => t.Digest).Distinct().Count() == 1 ? carrying[0] : null;
    }

    /// <summary>
    /// A tag's index was built on another digest of the same base (its OCI base annotation): the builder may hold the
    /// old one, so the build pulls.
    /// </summary>
    public static bool BaseMoved(InputFingerprint inputs, IReadOnlyList<TagBefore> current) =>
        inputs.Bases.Count == 1 && current.Any(t => t.Manifest is { } manifest
            && InputFingerprint.AnnotationOn(manifest, InputFingerprint.BaseDigestKey) is { } held && held != inputs.Bases[0].Digest);

    /// <summary>The tags to move to the held index: missing ones and ones that point elsewhere.</summary>
    public static IReadOnlyList<string> ToMove(TagBefore held, IReadOnlyList<TagBefore> current) =>
        current.Where(t => t.Digest != held.Digest).Select(t => t.Tag).ToList();
}

/// <summary>DockerBuildx's finding that the tags already hold this run's image: the inputs, the index, and what every final tag held.</summary>
internal sealed record InputsUnchanged(InputFingerprint Inputs, TagBefore Held, IReadOnlyList<TagBefore> Before)
{
    public string Digest => Held.Digest!;
}
