namespace Build.Tests.Engine;

public class NamesTests
{
    [Theory]
    [InlineData("NuGetApiKey", "nuget-api-key")]
    [InlineData("MSBuildConfiguration", "msbuild-configuration")]
    [InlineData("Net6Version", "net6version")]
    [InlineData("GitHubToken", "github-token")]
    [InlineData("NoLogo", "no-logo")]
    [InlineData("Registry", "registry")]
    public void Kebab_splits_camel_humps_keeping_known_words(string name, string kebab) => Assert.Equal(kebab, Names.Kebab(name));

    [Fact]
    public void Snake_upper_is_for_secrets_in_ci_files() => Assert.Equal("NUGET_API_KEY", Names.SnakeUpper("NuGetApiKey"));

    [Fact]
    public void The_command_line_splits_targets_names_and_values()
    {
        var line = new CommandLine(["Compile", "Pack", "--api-key", "a", "b", "--skip", "-Verbose", "--API-KEY", "c"]);
        Assert.Equal(["Compile", "Pack"], line.Positional);
        Assert.Equal(["c"], line.Values("apikey")!);
        Assert.Equal([], line.Values("Skip")!);
        Assert.Equal([], line.Values("verbose")!);
        Assert.Null(line.Values("target"));
    }

    [Fact]
    public void Plus_splits_a_single_value_for_separated_parameters()
    {
        Assert.Equal(["Compile", "Pack"], Assert.IsType<string[]>(ValueConverter.FromStrings("Target", typeof(string[]), ["Compile+Pack"], '+', "/")));
        Assert.Equal(["a+b"], Assert.IsType<string[]>(ValueConverter.FromStrings("Tags", typeof(string[]), ["a+b"], default, "/")));
        Assert.Equal(true, ValueConverter.FromStrings("Push", typeof(bool?), [], default, "/"));
        Assert.Null(ValueConverter.FromStrings("Name", typeof(string), [], default, "/"));
        Assert.Equal([], Assert.IsType<string[]>(ValueConverter.FromStrings("Tags", typeof(string[]), [], default, "/")));
    }
}
