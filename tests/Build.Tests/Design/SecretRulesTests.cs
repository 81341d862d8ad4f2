using System.Reflection;
using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.Design;

/// <summary>
/// Where a secret's value may leave its <see cref="Secret"/>: only where it goes to a child process (the tool runner),
/// into an HTTP Authorization header or docker's config file, or to the GitHub runner's masking. Everywhere else a
/// secret travels as a Secret, so it shows *** in any text. Secret parameters are typed Secret.
/// </summary>
public partial class SecretRulesTests
{
    /// <summary>
    /// The files that may call Reveal(), by file name (a file that moves to another folder keeps its reason), and why.
    /// </summary>
    static readonly Dictionary<string, string> MayReveal = new()
    {
        ["ToolRunner.cs"] = "a child's stdin and environment",
        ["RegistryApi.cs"] = "the registry API's Authorization header",
        ["GitHubApi.cs"] = "the GitHub API clients' token (Octokit credentials, Authorization header)",
        ["GitHttpAuthorization.cs"] = "git's Authorization header, in git's environment",
        ["PrivateDockerConfig.cs"] = "docker's config file, base64 of user:password, for cosign",
        ["Log.cs"] = "::add-mask:: to the GitHub Actions runner",
    };

    /// <summary>Where Reveal() is declared.</summary>
    const string Definition = "Engine/Secret.cs";

    /// <summary>Calls to Reveal() in one file of build/ (path relative to build/) that is not allowed to: one line per finding.</summary>
    public static IEnumerable<string> Violations(string path, string source)
    {
        if (path == Definition || MayReveal.ContainsKey(Path.GetFileName(path))) yield break;
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            foreach (Match call in RevealCall().Matches(lines[i]))
                yield return $"build/{path}:{i + 1} reveals a secret ({call.Value.Trim()}): pass the Secret on (only {string.Join(", ", MayReveal.Keys)} may reveal one)";
        }
    }

    [GeneratedRegex(@"\bReveal\s*\(\s*\)")]
    private static partial Regex RevealCall();

    [Fact]
    public void Only_the_listed_files_reveal_a_secret()
    {
        var files = BuildSources.Files().ToList();
        Assert.True(files.Count > 100, $"only {files.Count} files under build/");
        var violations = files.SelectMany(f => Violations(f.Path, f.Source)).ToList();
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void Every_listed_file_exists_and_reveals_a_secret()
    {
        // A stale entry would let a new file of that name reveal unnoticed: the list holds only what needs it.
        var files = BuildSources.Files().ToList();
        foreach (var name in MayReveal.Keys)
        {
            var matching = files.Where(f => Path.GetFileName(f.Path) == name).ToList();
            Assert.True(matching.Count == 1, $"{name}: {matching.Count} files of that name under build/");
            Assert.Matches(RevealCall(), matching[0].Source);
        }
    }

    [Fact]
    public void Every_secret_parameter_of_the_build_is_a_Secret()
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var secrets = typeof(global::Components.ILogin).Assembly.GetTypes()
            .SelectMany(type => type.GetMembers(flags))
            .Where(member => member.IsDefined(typeof(SecretAttribute)))
            .ToList();
        Assert.Contains(secrets, member => member.Name == "RegistryPassword");
        var plain = secrets.Where(member => (member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType) != typeof(Secret))
            .Select(member => $"{member.DeclaringType?.Name}.{member.Name}").ToList();
        Assert.True(plain.Count == 0, "[Secret] parameters that are not typed Secret: " + string.Join(", ", plain));
    }

    [Theory]
    [InlineData("Components/ILogin.cs", "var raw = RegistryPassword!.Reveal();")]
    [InlineData("Docker/DockerLogin.cs", "{ StandardInput = Password.Reveal() };")]
    [InlineData("Registry/DockerCredentials.cs", "Log.Information(login.Password.Reveal ( ));")]
    [InlineData("Signing/CosignCommands.cs", "environment[\"COSIGN_PASSWORD\"] = Password?.Reveal() ?? \"\";")]
    public void A_reveal_outside_the_list_is_found(string path, string line)
    {
        var found = Violations(path, $"namespace X;\n\n{line}\n").ToList();
        Assert.Single(found);
        Assert.StartsWith($"build/{path}:3 reveals a secret", found[0]);
    }

    [Theory]
    [InlineData("Tooling/ToolRunner.cs", "variables[name] = secret.Reveal();")]
    [InlineData("Registry/RegistryApi.cs", "Encoding.UTF8.GetBytes($\"{username}:{password?.Reveal()}\")")]
    [InlineData("Components/ILogin.cs", "/// Never call Reveal() here: the runner does.")]
    [InlineData("Components/ILogin.cs", "var revealed = RevealAll(); var shown = Revealed();")]
    public void What_the_rule_allows_is_not_a_finding(string path, string line) =>
        Assert.Empty(Violations(path, $"namespace X;\n\n{line}\n"));
}
