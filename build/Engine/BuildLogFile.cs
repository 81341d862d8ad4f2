namespace Engine;

/// <summary>
/// NUKE's file log: every line of the run (masked like the console, without colours) in .nuke/temp/build.log,
/// where users look after a failure, plus a timestamped copy per run; the newest <see cref="Kept"/> copies stay.
/// Unlike NUKE it is written on CI too: the workflow can upload it, and a CI failure is where it is wanted.
/// </summary>
sealed class BuildLogFile : IDisposable
{
    const int Kept = 5;
    readonly StreamWriter writer;
    readonly string directory;
    readonly string copy;

    BuildLogFile(StreamWriter writer, string directory, string copy) => (this.writer, this.directory, this.copy) = (writer, directory, copy);

    public TextWriter Writer => writer;

    /// <summary>Opens build.log in <paramref name="temporaryDirectory"/>; null (and no file log) when it cannot be written.</summary>
    public static BuildLogFile? Open(string temporaryDirectory)
    {
        try
        {
            Directory.CreateDirectory(temporaryDirectory);
            var stream = new FileStream(Path.Combine(temporaryDirectory, "build.log"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            var copy = Path.Combine(temporaryDirectory, $"build.{DateTime.Now:yyyy-MM-dd_HH-mm-ss-fff}.log");
            return new BuildLogFile(new StreamWriter(stream) { AutoFlush = true }, temporaryDirectory, copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Debug($"No build.log: {e.Message}");
            return null;
        }
    }

    public void Dispose()
    {
        writer.Dispose();
        try
        {
            File.Copy(Path.Combine(directory, "build.log"), copy, overwrite: true);
            foreach (var old in Directory.GetFiles(directory, "build.*.log").Order(StringComparer.Ordinal).SkipLast(Kept))
                File.Delete(old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The console had every line; a missing copy is not worth failing the build for.
        }
    }
}
