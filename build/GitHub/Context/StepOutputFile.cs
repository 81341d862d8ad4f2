namespace GitHub.Context;

/// <summary>
/// Appends name/value pairs to a GitHub Actions file command ($GITHUB_OUTPUT, $GITHUB_ENV) in the
/// delimiter form @actions/core writes for every value: <c>name&lt;&lt;ghadelimiter_{guid}</c>, value, delimiter.
/// </summary>
internal static class StepOutputFile
{
    /// <summary>Appends the values; a path whose directory does not exist is a warning (the runner makes these files).</summary>
    public static void Append(string path, IEnumerable<KeyValuePair<string, string>> values)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && !Directory.Exists(directory))
        {
            Log.Warning($"{path} cannot be written (its directory does not exist); step outputs not written there");
            return;
        }
        using var writer = File.AppendText(path);
        foreach (var (name, value) in values) writer.Write(Format(name, value));
    }

    public static string Format(string name, string value)
    {
        var delimiter = "ghadelimiter_" + Guid.NewGuid();
        if (name.Contains(delimiter) || value.Contains(delimiter))
            throw new InvalidOperationException("An output contains its own delimiter");
        return $"{name}<<{delimiter}\n{value}\n{delimiter}\n";
    }
}
