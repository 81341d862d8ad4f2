namespace Build.Tests.Engine;

/// <summary>
/// A target's result is written once into its declared slot and read by later targets; a missing one names the
/// target that makes it. A once-value is computed on the first call only.
/// </summary>
public class TargetResultsTests
{
    sealed class Tags(string text) { public string Text { get; } = text; }

    static readonly Result<Tags> TagOutput = new("Tag", "tags");

    [Fact]
    public void A_result_is_read_back_from_its_slot_and_a_missing_one_names_its_producer()
    {
        var results = new TargetResults();
        Assert.Null(results.TryGet(TagOutput));
        var missing = Assert.Throws<InvalidOperationException>(() => results.Get(TagOutput));
        Assert.Equal("No tags: Tag has not produced it in this run; that target must run first.", missing.Message);

        results.Set(TagOutput, new Tags("a"));
        Assert.Equal("a", results.Get(TagOutput).Text);
    }

    [Fact]
    public void A_result_is_written_once_unless_its_slot_is_declared_to_change()
    {
        var results = new TargetResults();
        results.Set(TagOutput, new Tags("a"));
        Assert.Throws<InvalidOperationException>(() => results.Set(TagOutput, new Tags("b")));

        var staging = new Result<Tags>("DockerBuildx, Merge", "staging", Changes: true);
        results.Set(staging, new Tags("pushed"));
        results.Set(staging, new Tags("none"));
        Assert.Equal("none", results.Get(staging).Text);
    }

    [Fact]
    public void Two_slots_that_read_alike_are_two_slots()
    {
        var results = new TargetResults();
        var other = new Result<Tags>("Tag", "tags");
        results.Set(TagOutput, new Tags("a"));
        Assert.Null(results.TryGet(other));
    }

    [Fact]
    public void A_once_value_is_computed_on_the_first_call_only()
    {
        var once = new RunOnce();
        var key = new Once<Tags>("tags");
        var computations = 0;
        Assert.Null(once.TryGet(key));
        var first = once.GetOrCompute(key, () => new Tags($"run {++computations}"));
        var second = once.GetOrCompute(key, () => new Tags($"run {++computations}"));
        Assert.Same(first, second);
        Assert.Equal(1, computations);
        Assert.Same(first, once.TryGet(key));
    }
}
