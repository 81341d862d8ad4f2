using System.Collections;

namespace GitHub.Context;

/// <summary>The process environment as a value. Components use the build's EnvironmentVariables (read once per run) instead.</summary>
[Obsolete("Read INukeBuild.EnvironmentVariables: one snapshot per run. Kept only so branches started before it still compile.")]
public static class ProcessEnvironment
{
    public static IReadOnlyDictionary<string, string?> Snapshot() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
