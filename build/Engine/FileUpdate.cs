namespace Engine;

/// <summary>Writes generated files only when their content changed, atomically (runs may overlap).</summary>
static class FileUpdate
{
    public static bool Write(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
