namespace Workflows.Layouts;

/// <summary>How a multi-platform image is spread over runners.</summary>
internal enum WorkflowLayout
{
    /// <summary>One native runner per platform, pushing by digest, then a merge job (<see cref="NativePlatformsLayout"/>).</summary>
    Native,
    /// <summary>One runner builds every platform, foreign ones through QEMU (<see cref="SingleRunnerLayout"/>).</summary>
    Single,
}
