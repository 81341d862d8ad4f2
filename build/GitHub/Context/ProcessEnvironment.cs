using System.Collections;

namespace GitHub.Context;

/// <summary>The process environment as a value, read once at the edge and passed on.</summary>
public static class ProcessEnvironment
{
    public static IReadOnlyDictionary<string, string?> Snapshot() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
