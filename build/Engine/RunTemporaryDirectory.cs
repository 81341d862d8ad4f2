namespace Engine;

/// <summary>
/// The run's own temporary folder: under RUNNER_TEMP on GitHub Actions (the runner empties it after the job),
/// else under TMPDIR; private (0700), made on first use and deleted when the run ends, whatever happened.
/// </summary>
sealed class RunTemporaryDirectory
{
    string? path;

    public string Path
    {
        get
        {
            if (path is not null) return path;
            var parent = Environment.GetEnvironmentVariable("RUNNER_TEMP") is { Length: > 0 } runner && Directory.Exists(runner)
                ? runner : System.IO.Path.GetTempPath();
            var candidate = System.IO.Path.Combine(parent, $"nuke-run-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
            // Only the folder itself is made: a missing TMPDIR is a mistake to report, not a tree to create.
            if (!Directory.Exists(parent))
                throw new BuildError($"Cannot create this run's temporary folder: {parent} does not exist (set TMPDIR to an existing, writable directory).");
            try
            {
                var created = Directory.CreateDirectory(candidate);
                if (!OperatingSystem.IsWindows()) created.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BuildError($"Cannot create this run's temporary folder under {parent} ({e.Message}): set TMPDIR to a writable directory.");
            }
            return path = candidate;
        }
    }

    /// <summary>Removes the folder if it was made; a failure is a warning (the run's outcome is already decided).</summary>
    public void Delete()
    {
        if (path is null || !Directory.Exists(path)) return;
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Could not delete the run's temporary folder {path}: {e.Message}");
        }
    }
}
