namespace Build.Tests.Support;

public class SmokeTests
{
    [Fact]
    public void Tool_commands_are_argument_lists_and_quote_for_display()
    {
        var command = new Tooling.ToolCommand("docker", ["buildx", "build", "--label", "a=b c"]);
        Assert.Equal("docker buildx build --label 'a=b c'", command.ToString());
    }
}
