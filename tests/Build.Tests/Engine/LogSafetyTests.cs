namespace Build.Tests.Engine;

/// <summary>What the log does with secrets of several lines and with values that look like workflow commands.</summary>
public class LogSafetyTests
{
    [Fact]
    public void Each_line_of_a_secret_is_masked_on_its_own()
    {
        var first = "first-" + Guid.NewGuid().ToString("N");
        var second = "second-" + Guid.NewGuid().ToString("N");
        Log.AddSecret(first + "\r\n" + second + "\n");

        Assert.Equal("a *** b *** c ***", Log.Mask($"a {first} b {second} c {first}\r\n{second}\n"));
    }

    [Fact]
    public void A_short_secret_is_masked_only_where_it_stands_alone()
    {
        // Registered for the whole test process: a token no other test prints.
        Log.AddSecret("fl0w");
        Assert.Equal("newcomer/mlfl0w fl0wing", Log.Mask("newcomer/mlfl0w fl0wing"));
        Assert.Equal("*** https://ci:***@host \"***\" ***.", Log.Mask("fl0w https://ci:fl0w@host \"fl0w\" fl0w."));
    }

    [Fact]
    public void A_secret_a_run_registers_masks_that_runs_lines_only()
    {
        // Tests run builds side by side in one process: a short secret of one ("value") must not mask another's words.
        var previous = Log.Sink;
        var (one, other) = (new LogSink(TextWriter.Null, LogLevel.Debug, false, false), new LogSink(TextWriter.Null, LogLevel.Debug, false, false));
        try
        {
            Log.Sink = one;
            Log.AddSecret("valu3");
            Assert.Equal("a *** b", Log.Mask("a valu3 b"));
            Log.Sink = other;
            Assert.Equal("a valu3 b", Log.Mask("a valu3 b"));
        }
        finally { Log.Sink = previous; }
        Assert.Equal("a valu3 b", Log.Mask("a valu3 b"));
    }

    [Fact]
    public void Add_mask_commands_are_one_per_line_and_escaped_like_the_toolkit()
    {
        Assert.Equal(["::add-mask::50%25 off", "::add-mask::second"], Log.AddMaskCommands("50% off\nsecond\r\n\n"));
    }

    [Theory]
    [InlineData("ok\n::error::x", "ok\n> ::error::x")]
    [InlineData("ok\n   ::warning::x", "ok\n>    ::warning::x")]
    [InlineData("text ##[error]x", "text ## [error]x")]
    [InlineData("plain\nlines", "plain\nlines")]
    public void Echoed_text_starts_no_workflow_command(string text, string expected) =>
        Assert.Equal(expected, Log.Inert(text, "> "));
}
