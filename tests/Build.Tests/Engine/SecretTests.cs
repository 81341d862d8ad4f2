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
#pragma warning disable SYSLIB0060 // the stream semantics of the instance API are what is being pinned here
        using var stream = new Rfc2898DeriveBytes(Encoding.UTF8.GetBytes(password), Encoding.ASCII.GetBytes("Ivan Medvedev"), 10_000, HashAlgorithmName.SHA256);
#pragma warning restore SYSLIB0060
        using var aes = Aes.Create();
        aes.Key = stream.GetBytes(32);
        aes.IV = stream.GetBytes(16);
        var expected = "v1:" + Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes("s3cr3t"), aes.IV));
        Assert.Equal(expected, SecretValue.Encrypt("s3cr3t", password));
        Assert.Equal("s3cr3t", SecretValue.TryDecrypt(expected, password));
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

    interface IHazPassword : INukeBuild
    {
        [Parameter, Secret] string? Password => TryGetValue(() => Password);
        Target UsePassword => _ => _.Requires(() => Password).Executes(() => Log.Information($"using {Password}"));
        Target Other => _ => _.Executes(() => Log.Information("no secret needed"));
    }

    class Lazy : NukeBuild, IHazPassword;

    [Fact]
    public void An_encrypted_value_is_decrypted_only_when_a_target_reads_it()
    {
        run.WriteFile(".nuke/parameters.json", $$"""{ "Password": "{{SecretValue.Encrypt("hunter2-long", "right")}}" }""");
        Assert.Equal(0, run.Run(new Lazy(), "Other"));
        Assert.DoesNotContain("[WRN]", run.Output);
        Assert.Equal(0, run.Run(new Lazy(), "--help"));
        Assert.Equal(0, run.Run(new Lazy(), "--plan"));
        Assert.Equal(0, run.Run(new Lazy(), "UsePassword", "--params-key", "right"));
        Assert.Contains("using ***", run.Output);
        Assert.DoesNotContain("Unknown argument", run.Output);
    }

    [Fact]
    public void Without_a_password_or_with_a_wrong_one_it_warns_and_Requires_says_what_is_missing()
    {
        run.WriteFile(".nuke/parameters.json", $$"""{ "Password": "{{SecretValue.Encrypt("x", "right")}}" }""");
        Assert.Equal(-1, run.Run(new Lazy(), "UsePassword"));
        Assert.Contains("[WRN] 'Password' in parameters.json is encrypted and no password was given (--params-key or PARAMS_KEY): it stays unset.", run.Output);
        Assert.Contains("[ERR] Target 'UsePassword' requires member 'Password' to be not null or empty.", run.Output);
        run.Environment["PARAMS_KEY"] = "wrong-password";
        Assert.Equal(-1, run.Run(new Lazy(), "UsePassword"));
        Assert.Contains("[WRN] Could not decrypt 'Password' in parameters.json with the provided password: it stays unset.", run.Output);
        Assert.DoesNotContain("wrong-password", run.Output);
        Assert.Equal(0, run.Run(new Lazy(), "Other"));
    }

    [Fact]
    public void A_field_secret_without_password_warns_instead_of_stopping_the_run()
    {
        run.WriteFile(".nuke/parameters.json", $$"""{ "RegistryPassword": "{{SecretValue.Encrypt("x", "right")}}" }""");
        var build = new WithSecret();
        Assert.Equal(0, run.Run(build, "Show"));
        Assert.Null(build.RegistryPassword);
        Assert.Contains("[WRN] 'RegistryPassword' in parameters.json is encrypted", run.Output);
    }

    class FieldReaders : NukeBuild
    {
        [Parameter, Secret] public readonly string? Token;
        [Parameter, Secret] public string? Key { get; set; }
        public string? Seen;
        Target None => _ => _.Executes(() => Seen = "none");
        Target ViaMethod => _ => _.Executes(() => Remember());
        Target ViaAsync => _ => _.Executes(async () => { await Task.Yield(); Seen = Key; });
        Target ViaCondition => _ => _.OnlyWhenDynamic(() => Token != null).Executes(() => Seen = "ran");
        Target ViaStaticCondition => _ => _.OnlyWhenStatic(() => Key != null).Executes(() => Seen = "ran");
        void Remember() => Seen = Token;
    }

    [Theory]
    [InlineData("None", false, false)]
    [InlineData("ViaMethod", true, false)]
    [InlineData("ViaAsync", false, true)]
    [InlineData("ViaCondition", true, false)]
    [InlineData("ViaStaticCondition", false, true)]
    public void A_build_class_field_or_property_is_decrypted_only_for_a_target_that_reads_it(string target, bool token, bool key)
    {
        run.WriteFile(".nuke/parameters.json", $$"""{ "Token": "{{SecretValue.Encrypt("t-value", "right")}}", "Key": "{{SecretValue.Encrypt("k-value", "right")}}" }""");
        run.Environment["PARAMS_KEY"] = "right";
        var build = new FieldReaders();
        Assert.Equal(0, run.Run(build, target));
        Assert.Equal(token ? "t-value" : null, build.Token);
        Assert.Equal(key ? "k-value" : null, build.Key);
        if (target == "ViaStaticCondition") Assert.Equal("ran", build.Seen);
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
