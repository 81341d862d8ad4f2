using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Signing;

/// <summary>A cosign key pair made for one test (cosign generate-key-pair), in its own directory.</summary>
public sealed class CosignKeys : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("cosign-keys-").FullName;

    CosignKeys(string password) => Password = password;

    public string Password { get; }
    public string PrivateKey => Path.Combine(directory, "cosign.key");
    public string PublicKey => Path.Combine(directory, "cosign.pub");

    public static async Task<CosignKeys> GenerateAsync(string password = "test-key-pass")
    {
        Need.Cosign();
        var keys = new CosignKeys(password);
        var result = await ToolRunner.RunAsync(new ToolCommand("cosign", ["generate-key-pair"])
            { WorkingDirectory = keys.directory, Environment = new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = password } }, echoOutput: false);
        Assert.True(result.Succeeded, result.StandardError);
        return keys;
    }

    public void Dispose() => Directory.Delete(directory, true);
}
