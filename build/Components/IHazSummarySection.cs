namespace Components;

/// <summary>
/// A component that adds a section of its own to the summary (the smoke test does): Summary finds it with
/// `this as IHazSummarySection` and knows nothing else of it.
/// </summary>
interface IHazSummarySection
{
    /// <summary>The Markdown section, or null when the component has nothing to say this run.</summary>
    string? SummarySection { get; }
}
