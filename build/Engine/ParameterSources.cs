using System.Text.Json;

namespace Engine;

/// <summary>
/// Where parameter values come from, in NUKE's precedence: named CLI arguments > positional targets >
/// environment > .nuke/parameters.&lt;profile&gt;.json (last profile first) > .nuke/parameters.json.
/// </summary>
sealed class ParameterSources(CommandLine commandLine, IReadOnlyDictionary<string, string> environment, string workingDirectory)
{
    /// <summary>Asks for a parameters file's password on the console; null where nobody can answer (CI, redirected input).</summary>
    public Func<string, string?>? PromptPassword { get; init; }

    readonly List<(string File, string? Profile, Dictionary<string, JsonElement> Values)> files = [];

    public CommandLine CommandLine => commandLine;

    /// <summary>Loads parameters.json and the profiles (each must exist) below <paramref name="root"/>.</summary>
    public void LoadFiles(string root, IEnumerable<string> profiles)
    {
        Root = root;
        var nuke = Path.Combine(root, ".nuke");
        foreach (var profile in profiles.Reverse())
        {
            var file = Path.Combine(nuke, $"parameters.{profile}.json");
            if (!File.Exists(file)) throw new BuildError($"Profile '{profile}' does not exist: {file} is missing.");
            files.Add((file, profile, Read(file)));
        }
        var defaults = Path.Combine(nuke, "parameters.json");
        if (File.Exists(defaults)) files.Add((defaults, null, Read(defaults)));
    }

    public string? Root { get; private set; }

    /// <summary>The keys of each loaded parameters file (without $schema), to report ones that match no parameter.</summary>
    public IEnumerable<(string File, IEnumerable<string> Keys)> FileKeys => files.Select(f => (Path.GetFileName(f.File), f.Values.Keys.AsEnumerable()));

    /// <summary>
    /// True when <paramref name="parameter"/>'s value would come from an encrypted file entry: it is decrypted only
    /// when a target reads it (as NUKE does), so a run that never needs the secret never needs its password.
    /// </summary>
    public bool IsEncrypted(ParameterMember parameter)
    {
        if (!parameter.IsSecret || commandLine.Values(parameter.Name) != null || FromEnvironment(parameter.Name, prefixOnly: parameter.IsBuiltIn) != null)
            return false;
        var entry = files.Select(f => f.Values.TryGetValue(parameter.Name, out var v) ? v : (JsonElement?)null).FirstOrDefault(v => v != null);
        return entry is { ValueKind: JsonValueKind.String } value && SecretValue.IsEncrypted(value.GetString()!);
    }

    /// <summary>The value of <paramref name="parameter"/> from the first source that has one, or (false, null).</summary>
    public (bool Found, object? Value) Resolve(ParameterMember parameter)
    {
        var named = commandLine.Values(parameter.Name);
        if (named != null)
            return (true, ValueConverter.FromStrings(parameter.Name, parameter.Type, named, parameter.Separator, workingDirectory));
        if (parameter.Name == "Target" && commandLine.Positional.Count > 0)
            return (true, ValueConverter.FromStrings(parameter.Name, parameter.Type, commandLine.Positional.ToArray(), '+', workingDirectory));
        var variable = FromEnvironment(parameter.Name, prefixOnly: parameter.IsBuiltIn);
        if (variable != null)
            return (true, FromVariable(parameter, variable));
        foreach (var (file, profile, values) in files)
            if (values.TryGetValue(parameter.Name, out var value))
                return parameter.IsSecret && value.ValueKind == JsonValueKind.String && SecretValue.IsEncrypted(value.GetString()!)
                    ? (true, Decrypt(parameter, value.GetString()!, file, profile))
                    : (true, ValueConverter.FromJson(parameter.Name, parameter.Type, value, Root!));
        return (false, null);
    }

    /// <summary>
    /// The exact name first, then a case- and underscore-insensitive match with or without NUKE_.
    /// Our own parameters bind only with the NUKE_ prefix: plain HOST, ROOT or TARGET are common shell
    /// variables and would change the run by accident (NUKE binds them too).
    /// </summary>
    string? FromEnvironment(string name, bool prefixOnly)
    {
        if (!prefixOnly && environment.TryGetValue(name, out var exact)) return exact;
        var wanted = Letters(name);
        var matches = environment.Where(pair =>
            (!prefixOnly && Letters(pair.Key) == wanted) || Letters(pair.Key) == "nuke" + wanted).ToList();
        if (matches.Count > 1)
        {
            Log.Warning($"Could not resolve {name} since multiple environment variables provide it: {string.Join(", ", matches.Select(m => m.Key))}");
            return null;
        }
        return matches.Count == 1 ? matches[0].Value : null;
    }

    object? FromVariable(ParameterMember parameter, string value)
    {
        var pieces = parameter.Separator != default
            ? value.Split(parameter.Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : string.IsNullOrWhiteSpace(value) ? [] : [value];
        var scalar = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (pieces.Length == 0 && !scalar.IsArray)
            return scalar == typeof(bool) ? false : null;
        return ValueConverter.FromStrings(parameter.Name, parameter.Type, pieces, default, workingDirectory);
    }

    /// <summary>
    /// A value `nuke :secrets` encrypted. Its password, in NUKE's order (no macOS keychain here): the parameter
    /// ParamsKey (profiles: Params&lt;Profile&gt;Key), i.e. --params-key or PARAMS_KEY (case, '_' and NUKE_ ignored),
    /// then a console prompt when someone can answer it. Without a password, or with a wrong one, it warns and the
    /// value stays unset: the reading target's Requires or error then says what is missing (NUKE does the same).
    /// </summary>
    object? Decrypt(ParameterMember parameter, string value, string file, string? profile)
    {
        var key = profile == null ? "ParamsKey" : $"Params{profile.Replace(".", "")}Key";
        var variable = profile == null ? "PARAMS_KEY" : $"PARAMS_{profile.Replace(".", "").ToUpperInvariant()}_KEY";
        var password = commandLine.Values(key) is [var given, ..] ? given : FromEnvironment(variable.Replace("_", ""), prefixOnly: false);
        if (string.IsNullOrEmpty(password) && PromptPassword != null)
            password = PromptPassword($"Enter password for {Path.GetFileName(file)}:");
        if (string.IsNullOrEmpty(password))
        {
            Log.Warning($"'{parameter.Name}' in {Path.GetFileName(file)} is encrypted and no password was given (--{Names.Kebab(key)} or {variable}): it stays unset.");
            return null;
        }
        Log.AddSecret(password);
        if (SecretValue.TryDecrypt(value, password) is not { } plain)
        {
            Log.Warning($"Could not decrypt '{parameter.Name}' in {Path.GetFileName(file)} with the provided password: it stays unset.");
            return null;
        }
        Log.AddSecret(plain);
        return ValueConverter.FromStrings(parameter.Name, parameter.Type, [plain], default, Root!);
    }

    static string Letters(string name) => new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    static Dictionary<string, JsonElement> Read(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.EnumerateObject().Where(p => p.Name != "$schema").ToDictionary(p => p.Name, p => p.Value.Clone());
        }
        catch (JsonException e)
        {
            throw new BuildError($"Cannot read {file}: {e.Message}");
        }
    }
}
