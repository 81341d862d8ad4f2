namespace Metadata.Output;

/// <summary>
/// Appends name/value pairs to a GitHub Actions file command ($GITHUB_OUTPUT, $GITHUB_ENV) in the
/// delimiter form @actions/core writes for every value: <c>name&lt;&lt;ghadelimiter_{guid}</c>, value, delimiter.
/// </summary>
public static class StepOutputFile
{
    public static void Append(string path, IEnumerable<KeyValuePair<string, string>> values)
    {
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
