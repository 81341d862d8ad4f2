using System.Security.Cryptography;
using System.Text;

namespace Build.Tests.Engine;

/// <summary>Encrypted values in parameters files, as `nuke :secrets` writes them (encrypted with a key derived from the password; decrypted when the run reads them).</summary>
public class SecretTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class WithSecret : NukeBuild
    {
        [Parameter, Secret] public readonly string? RegistryPassword;
        [Parameter] public readonly string? Plain;
        Target Show => _ => _.Executes(() => Log.Information($"password {RegistryPassword}"));
    }

    [Fact]
    public void Key_and_IV_are_one_PBKDF2_stream_as_NUKE_reads_them()
    {
        var password = "correct horse battery";
#pragma warning disable SYSLIB0041 // the stream semantics of the instance API are what is being pinned here
        using var stream = new Rfc2898DeriveBytes(Encoding.UTF8.GetBytes(password), Encoding.ASCII.GetBytes("Ivan Medvedev"), 10_000, HashAlgorithmName.SHA256);
#pragma warning restore SYSLIB0041
        using var aes = Aes.Create();
        aes.Key = stream.GetBytes(32);
        aes.IV = stream.GetBytes(16);
        var expected = "v1:" + Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes("s3cr3t"), aes.IV));
        Assert.Equal(expected, SecretValue.Encrypt("s3cr3t", password));
        Assert.Equal("s3cr3t", SecretValue.Decrypt(expected, password, "X"));
    }

    [Fact]
    public void An_encrypted_value_is_decrypted_with_PARAMS_KEY_and_masked()
    {
        run.WriteFile(".nuke/parameters.json", $$"""{ "RegistryPassword": "{{SecretValue.Encrypt("hunter2-long", "the-password")}}" }""");
        run.Environment["PARAMS_KEY"] = "the-password";
        var build = new WithSecret();
        Assert.Equal(0, run.Run(build, "Show"));
        Assert.Equal("hunter2-long", build.RegistryPassword);
        Assert.Contains("password ***", run.Output);
    }

    [Fact]
    public void A_profile_uses_its_own_password_variable()
    {
        run.WriteFile(".nuke/parameters.ci.json", $$"""{ "RegistryPassword": "{{SecretValue.Encrypt("from-profile", "ci-password")}}" }""");
        run.Environment["NUKE_PARAMS_CI_KEY"] = "ci-password";
        var build = new WithSecret();
        Assert.Equal(0, run.Run(build, "Show", "--profile", "ci"));
        Assert.Equal("from-profile", build.RegistryPassword);
    }

    [Fact]
    public void A_missing_or_wrong_password_is_one_line()
    {
        run.WriteFile(".nuke/parameters.json", $$"""{ "RegistryPassword": "{{SecretValue.Encrypt("x", "right")}}" }""");
        Assert.Equal(-1, run.Run(new WithSecret(), "Show"));
        Assert.Contains("[ERR] 'RegistryPassword' in parameters.json is encrypted: set its password in the environment variable PARAMS_KEY.", run.Output);
        run.Environment["PARAMS_KEY"] = "wrong";
        Assert.Equal(-1, run.Run(new WithSecret(), "Show"));
        Assert.Contains("[ERR] Could not decrypt 'RegistryPassword' with the provided password.", run.Output);
    }

    [Fact]
    public void Only_secret_parameters_are_decrypted()
    {
        run.WriteFile(".nuke/parameters.json", """{ "Plain": "v1:not-a-secret" }""");
        var build = new WithSecret();
        Assert.Equal(0, run.Run(build, "Show"));
        Assert.Equal("v1:not-a-secret", build.Plain);
    }
}
