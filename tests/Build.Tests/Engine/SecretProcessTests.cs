using Build.Tests.Support;

namespace Build.Tests.Engine;

/// <summary>
/// An encrypted [Secret] field of the build class itself, run as a process with no terminal and no password: decrypted
/// only when a target about to run reads it, as interface parameters are (and as NUKE decrypts a value when it is read).
/// </summary>
public class SecretProcessTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("secret-field-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    public class FieldSecretBuild : NukeBuild
    {
        [Parameter, Secret] readonly string? ApiKey;
        Target Quiet => _ => _.Executes(() => Log.Information("no secret needed"));
        Target Print => _ => _.Executes(() => Log.Information($"key {ApiKey ?? "unset"}"));
        Target Publish => _ => _.Requires(() => ApiKey).Executes(() => Log.Information("publishing"));
    }

    Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), $$"""{ "ApiKey": "{{SecretValue.Encrypt("field-secret-value", "the-password")}}" }""");
        return TestBuildHost.RunAsync<FieldSecretBuild>(root, environment, args);
    }

    const string NoPassword = "'ApiKey' in parameters.json is encrypted and no password was given";

    [Fact]
    public async Task Plan_help_and_a_target_not_reading_it_need_no_password()
    {
        string[][] runs = [["--plan"], ["--help"], ["Quiet"]];
        foreach (var args in runs)
        {
            var (exitCode, output) = await RunAsync([], args);
            Assert.True(exitCode == 0, output);
            Assert.DoesNotContain("[WRN]", output);
        }
    }

    [Fact]
    public async Task A_target_reading_it_without_a_password_warns_and_Requires_names_it()
    {
        var (exitCode, output) = await RunAsync([], "Publish");
        Assert.NotEqual(0, exitCode);
        Assert.Contains(NoPassword, output);
        Assert.Contains("[ERR] Target 'Publish' requires member 'ApiKey' to be not null or empty.", output);
        Assert.DoesNotContain("   at ", output);

        (exitCode, output) = await RunAsync([], "Print");
        Assert.True(exitCode == 0, output);
        Assert.Contains(NoPassword, output);
        Assert.Contains("key unset", output);
    }

    [Fact]
    public async Task A_target_reading_it_with_the_password_gets_it_masked()
    {
        var (exitCode, output) = await RunAsync(new() { ["PARAMS_KEY"] = "the-password" }, "Print");
        Assert.True(exitCode == 0, output);
        Assert.Contains("key ***", output);
        Assert.DoesNotContain("field-secret-value", output);
    }
}
