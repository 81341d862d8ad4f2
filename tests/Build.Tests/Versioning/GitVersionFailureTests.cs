using Tooling;
using Versioning;

namespace Build.Tests.Versioning;

public class GitVersionFailureTests
{
    [Fact]
    public void Takes_the_exception_after_the_logged_error()
    {
        var output = """
            INFO [26-11-28 2:29:16:79] Using configuration file '/tmp/gvt/GitVersion.yml'
            ERROR [26-11-28 2:29:16:89] An unexpected error occurred:
            System.InvalidOperationException: Could not find embedded resource GitVersion.Configuration.Workflows.Nope.v1.yml
               at GitVersion.Something()
            """;
        Assert.Equal("Could not find embedded resource GitVersion.Configuration.Workflows.Nope.v1.yml",
            GitVersionFailure.Describe(new ToolResult(1, output, "")));
    }

    [Fact]
    public void Takes_a_logged_error_of_its_own()
    {
        var output = "ERROR [26-11-28 2:29:16:89] Could not read the configuration\n";
        Assert.Equal("Could not read the configuration", GitVersionFailure.Describe(new ToolResult(1, output, "")));
    }

    [Fact]
    public void Takes_the_first_line_of_an_unhandled_exception() =>
        Assert.Equal("Could not parse command line parameter '/x'.", GitVersionFailure.Describe(new ToolResult(134, "",
            "Unhandled exception. GitVersion.WarningException: Could not parse command line parameter '/x'.\n   at GitVersion.ArgumentParser.Parse()\n")));

    [Fact]
    public void Takes_a_plain_error_line_or_the_exit_code()
    {
        Assert.Equal("Cannot find the .git directory", GitVersionFailure.Describe(new ToolResult(1, "", "Cannot find the .git directory\n")));
        Assert.Equal("exit code 3", GitVersionFailure.Describe(new ToolResult(3, "", "")));
    }
}
