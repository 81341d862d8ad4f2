namespace Build.Tests.Docker;

/// <summary>
/// A real docker credential helper of the test's own: docker-credential-&lt;name&gt; (a small shell script) in a
/// folder to put first on PATH, keeping each login as one file, and a docker config whose credsStore names it,
/// as Docker Desktop's does.
/// </summary>
public sealed class CredentialHelper : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("credential-helper-").FullName;

    public CredentialHelper()
    {
        Directory.CreateDirectory(BinDirectory);
        Directory.CreateDirectory(StoreDirectory);
        Directory.CreateDirectory(ConfigDirectory);
        var script = Path.Combine(BinDirectory, "docker-credential-" + Name);
        // store/get/erase/list, the protocol docker speaks on stdin/stdout; a login is a file named by its server.
        File.WriteAllText(script, $$"""
            #!/bin/bash
            set -eu
            store='{{StoreDirectory}}'
            key() { printf '%s' "$1" | base64 -w0 | tr '/+' '_-'; }
            field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
            case "$1" in
              store) json=$(cat); printf '%s' "$json" > "$store/$(key "$(printf '%s' "$json" | field ServerURL)")" ;;
              get) f="$store/$(key "$(cat)")"; if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              erase) rm -f "$store/$(key "$(cat)")" ;;
              list) printf '{'; sep=''; for f in "$store"/*; do [ -f "$f" ] || continue
                      printf '%s"%s":"%s"' "$sep" "$(field ServerURL < "$f")" "$(field Username < "$f")"; sep=','; done; printf '}' ;;
              *) exit 1 ;;
            esac
            """.Replace("\r\n", "\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(ConfigDirectory, "config.json"), $$"""{"credsStore": "{{Name}}"}""");
    }

    public string Name => "buildtest";
    public string BinDirectory => Path.Combine(root, "bin");
    public string StoreDirectory => Path.Combine(root, "store");
    /// <summary>A DOCKER_CONFIG with "credsStore": <see cref="Name"/>.</summary>
    public string ConfigDirectory => Path.Combine(root, "docker-config");
    /// <summary>PATH with the helper first.</summary>
    public string SearchPath => BinDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    /// <summary>Every stored login, server → the helper's JSON record.</summary>
    public Dictionary<string, string> Logins() =>
        Directory.GetFiles(StoreDirectory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    public void Dispose() => Directory.Delete(root, true);
}
