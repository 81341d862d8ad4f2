namespace Engine;

/// <summary>Arguments and parameters-file keys that match no parameter, and other values a run warns about.</summary>
sealed partial class BuildRun
{
    /// <summary>
    /// A misspelt name is only a warning (NUKE ignores it), so it names the nearest parameter. Returns each unknown
    /// name with that suggestion, for the targets that refuse to run with one.
    /// </summary>
    List<string> WarnAboutUnknownArguments(CommandLine commandLine)
    {
        var unknown = new List<string>();
        var all = parameters.Concat(ParameterMember.BuiltIn).Where(p => p.Name != "ParamsKey").Select(p => p.Name).ToList();
        var known = all.Select(Names.Key).ToHashSet();
        // --params-<profile>-key holds a profile's password.
        bool Known(string name) => known.Contains(Names.Key(name)) || (Names.Key(name) is var key && key.StartsWith("params") && key.EndsWith("key"));
        // NUKE's grammar reads every token that starts with '-' as a name, so "--max-deletions -1" leaves the
        // parameter without its value: that is an error here, never a warning the run goes on after.
        if (commandLine.NamesGiven.FirstOrDefault(n => !Known(n) && double.TryParse(n, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) is { } number)
            throw new BuildError($"'{number}' is not a value here: a token starting with '-' starts a new argument, so a negative number cannot follow a parameter name.");
        ListArgumentCheck.Require(commandLine, [.. parameters, .. ParameterMember.BuiltIn], Known);
        foreach (var name in commandLine.NamesGiven.Where(n => !Known(n)))
        {
            var closest = Names.Closest(name, all) is { } n ? "--" + Names.Kebab(n) : null;
            Log.Warning($"Unknown argument '{name}' is ignored{Suggest(closest)}");
            unknown.Add($"'{name}'" + (closest != null ? $" (did you mean {closest}?)" : ""));
        }
        foreach (var (file, keys) in sources.FileKeys)
            foreach (var key in keys.Where(k => !all.Contains(k, StringComparer.Ordinal)))
            {
                var closest = Names.Closest(key, all) is { } n ? $"'{n}'" : null;
                Log.Warning($"Unknown parameter '{key}' in {file} is ignored{Suggest(closest)}");
                unknown.Add($"'{key}' in {file}" + (closest != null ? $" (did you mean {closest}?)" : ""));
            }
        if (BuiltIn<string>("Partition") is { } partition && !IsPartition(partition))
            Log.Warning($"Invalid value '{partition}' for --partition is ignored: expected <part>/<total>, such as 1/2.");
        return unknown;
    }

    /// <summary>A target marked RefusesUnknownArguments fails before its first action while any name is unknown.</summary>
    void RefuseUnknownArguments(List<string> unknown)
    {
        foreach (var target in targets.Where(t => t.RefusesUnknownArguments && unknown.Count > 0))
            target.Actions.Insert(0, () => throw new BuildError(
                $"{target.Name} did not start, since the build does not know {string.Join("; ", unknown)}. Correct or remove it and run again."));
    }

    static bool IsPartition(string value) =>
        value.Split('/') is [var part, var total] && int.TryParse(part, out var p) && int.TryParse(total, out var t) && p >= 1 && p <= t;

    static string Suggest(string? closest) => closest == null ? " (see --help)." : $": did you mean {closest}?";
}
