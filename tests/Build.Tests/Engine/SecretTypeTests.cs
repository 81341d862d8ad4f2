namespace Build.Tests.Engine;

/// <summary>
/// The <see cref="Secret"/> type: *** wherever it is turned into text, masked in the log from the moment it is made,
/// and what [Parameter, Secret] parameters of that type get from the command line, the environment and parameters files.
/// </summary>
public class SecretTypeTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    static string Unique(string what) => $"{what}-{Guid.NewGuid():N}";

    [Fact]
    public void Text_made_of_a_secret_shows_stars_never_the_value()
    {
        var value = Unique("interpolated");
        var secret = new Secret(value);
        Assert.Equal("***", secret.ToString());
        Assert.Equal("password ***", $"password {secret}");
        Assert.Equal("password ***", string.Format("password {0}", secret));
        Assert.Equal("a, ***", string.Join(", ", new object[] { "a", secret }));
        Assert.Equal(value, secret.Reveal());
    }

    [Fact]
    public void An_exception_message_with_a_secret_shows_stars()
    {
        var value = Unique("exception");
        var secret = new Secret(value);
        var error = new BuildError($"login refused with {secret}");
        Assert.Equal("login refused with ***", error.Message);
        Assert.DoesNotContain(value, error.ToString());
    }

    [Fact]
    public void Making_a_secret_masks_its_value_in_the_log()
    {
        var value = Unique("logged");
        var writer = new StringWriter();
        var previous = Log.Sink;
        Log.Sink = new LogSink(writer, LogLevel.Debug, gitHubActions: false, colours: false);
        try
        {
            var secret = new Secret(value);
            Log.Information($"interpolated {secret}");
            Log.Information($"revealed {secret.Reveal()}");
        }
        finally { Log.Sink = previous; }
        Assert.Contains("interpolated ***", writer.ToString());
        Assert.Contains("revealed ***", writer.ToString());
        Assert.DoesNotContain(value, writer.ToString());
    }

    [Fact]
    public void From_an_unset_value_is_null_and_equality_is_by_value()
    {
        Assert.Null(Secret.From(null));
        Assert.Null(Secret.From(""));
        Assert.True(new Secret("").IsEmpty);
        var value = Unique("equal");
        Assert.Equal(new Secret(value), Secret.From(value));
        Assert.NotEqual(new Secret(value), new Secret(value + "x"));
    }

    class WithSecret : NukeBuild
    {
        [Parameter, Secret] public readonly Secret? ApiKey;
        Target Show => _ => _.Requires(() => ApiKey).Executes(() =>
        {
            Log.Information($"key {ApiKey}");
            Log.Information($"revealed {ApiKey!.Reveal()}");
            throw new BuildError($"refused with {ApiKey}, raw {ApiKey.Reveal()}");
        });
    }

    interface IHazToken : INukeBuild
    {
        [Parameter, Secret] Secret? Token => TryGetValue(() => Token) ?? Secret.From(EnvironmentVariables.GetValueOrDefault("SOME_TOKEN"));
        Target UseToken => _ => _.Executes(() => Log.Information($"token {Token} is {(Token is null ? "unset" : "set")}"));
    }

    class WithToken : NukeBuild, IHazToken;

    [Theory]
    [InlineData("command line")]
    [InlineData("environment")]
    [InlineData("parameters file")]
    [InlineData("encrypted parameters file")]
    public void A_secret_parameter_gets_a_Secret_from_every_source_and_no_line_shows_it(string source)
    {
        var value = Unique("api-key");
        string[] args = ["Show"];
        switch (source)
        {
            case "command line": args = ["Show", "--api-key", value]; break;
            case "environment": run.Environment["API_KEY"] = value; break;
            case "parameters file": run.WriteFile(".nuke/parameters.json", $$"""{ "ApiKey": "{{value}}" }"""); break;
            default:
                run.WriteFile(".nuke/parameters.json", $$"""{ "ApiKey": "{{SecretValue.Encrypt(value, "file-password")}}" }""");
                run.Environment["PARAMS_KEY"] = "file-password";
                break;
        }
        var build = new WithSecret();
        Assert.Equal(-1, run.Run(build, args));
        Assert.Equal(value, build.ApiKey?.Reveal());
        Assert.Contains("key ***", run.Output);
        Assert.Contains("revealed ***", run.Output);
        Assert.Contains("refused with ***, raw ***", run.Output);
        Assert.DoesNotContain(value, run.Output);
    }

    [Fact]
    public void Two_values_for_a_secret_are_refused_without_showing_them()
    {
        var (first, second) = (Unique("first"), Unique("second"));
        Assert.Equal(-1, run.Run(new WithSecret(), "Show", "--api-key", first, second));
        Assert.Contains("Parameter 'ApiKey' takes one value but got 2 (a secret: not shown).", run.Output);
        Assert.DoesNotContain(first, run.Output);
        Assert.DoesNotContain(second, run.Output);
    }

    [Fact]
    public void An_empty_secret_fails_Requires()
    {
        Assert.Equal(-1, run.Run(new WithSecret(), "Show", "--api-key", ""));
        Assert.Contains("requires member 'ApiKey' to be not null or empty", run.Output);
    }

    [Fact]
    public void An_interface_secret_defaults_from_the_environment_as_a_Secret()
    {
        var value = Unique("token");
        run.Environment["SOME_TOKEN"] = value;
        Assert.Equal(0, run.Run(new WithToken(), "UseToken"));
        Assert.Contains("token *** is set", run.Output);
        Assert.DoesNotContain(value, run.Output);
    }
}
