using System.Security.Cryptography;
using System.Text;

namespace Engine;

/// <summary>
/// .nuke/temp/build-attempt.log for --continue: line 1 is the MD5 of the invocation's non-dash tokens,
/// then the targets that succeeded. With --continue and the same invocation those are skipped.
/// </summary>
sealed class BuildAttempt
{
    readonly string file;

    public BuildAttempt(string temporaryDirectory, IReadOnlyList<string> args, bool resume)
    {
        file = Path.Combine(temporaryDirectory, "build-attempt.log");
        var hash = Hash(args);
        var previous = File.Exists(file) ? File.ReadAllLines(file) : [];
        if (resume && previous.Length > 0 && previous[0] == hash)
            SucceededBefore = previous.Skip(1).Where(l => l.Length > 0).ToHashSet();
        else if (resume)
            Log.Warning("Build invocation changed. Restarting ...");
        Directory.CreateDirectory(temporaryDirectory);
        File.WriteAllLines(file, SucceededBefore.Prepend(hash));
    }

    public ISet<string> SucceededBefore { get; } = new HashSet<string>();

    /// <summary>Appends a target that succeeded; one rerun on --continue is listed already and is not written twice.</summary>
    public void Record(ExecutableTarget target)
    {
        if (!SucceededBefore.Contains(target.Name)) File.AppendAllLines(file, [target.Name]);
    }

    public static string Hash(IEnumerable<string> args) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(string.Join(" ", args.Where(a => !a.StartsWith('-'))))));
}
