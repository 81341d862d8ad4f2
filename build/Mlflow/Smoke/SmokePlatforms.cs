namespace Mlflow.Smoke;

/// <summary>Which platforms of an image this machine runs: its own natively, others where QEMU is registered with binfmt_misc.</summary>
internal static class SmokePlatforms
{
    public static bool CanRun(string platform, string hostPlatform) =>
        platform == hostPlatform || (QemuName(platform) is { } name && Registered(Path.Combine("/proc/sys/fs/binfmt_misc", "qemu-" + name)));

    /// <summary>The QEMU user-mode name of a platform's machine ("linux/arm64" → "aarch64"); null for one this list does not know.</summary>
    public static string? QemuName(string platform) => platform.Split('/').ElementAtOrDefault(1) switch
    {
        "amd64" => "x86_64", "arm64" => "aarch64", "arm" => "arm", "ppc64le" => "ppc64le", "s390x" => "s390x", "riscv64" => "riscv64", "386" => "i386",
        _ => null,
    };

    static bool Registered(string entry)
    {
        try { return File.Exists(entry) && File.ReadLines(entry).FirstOrDefault() == "enabled"; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
