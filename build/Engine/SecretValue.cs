using System.Security.Cryptography;
using System.Text;

namespace Engine;

/// <summary>
/// Values that `nuke :secrets` writes into parameters files: "v1:" + base64 of AES-256-CBC ciphertext, key and IV
/// from PBKDF2 (HMAC-SHA256, 10,000 iterations, NUKE's fixed salt) of the password, so those files keep working.
/// </summary>
static class SecretValue
{
    const string Prefix = "v1:";
    static readonly byte[] Salt = Encoding.ASCII.GetBytes("Ivan Medvedev");

    public static bool IsEncrypted(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The plain text, or null when the password is wrong (or the value damaged).</summary>
    public static string? TryDecrypt(string value, string password)
    {
        try
        {
            using var aes = Create(password);
            var plain = aes.DecryptCbc(Convert.FromBase64String(value[Prefix.Length..]), aes.IV);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    public static string Encrypt(string plain, string password)
    {
        using var aes = Create(password);
        return Prefix + Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes(plain), aes.IV));
    }

    static Aes Create(string password)
    {
        var bytes = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Salt, 10_000, HashAlgorithmName.SHA256, 48);
        var aes = Aes.Create();
        aes.Key = bytes[..32];
        aes.IV = bytes[32..];
        return aes;
    }
}
