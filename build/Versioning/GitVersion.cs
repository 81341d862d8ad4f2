using System.Globalization;
using System.Text.Json;

namespace Versioning;

/// <summary>
/// The version GitVersion computed for HEAD (NUKE's [GitVersion] value). The typed members are the ones
/// targets use; <see cref="Variables"/> keeps every variable GitVersion printed, for templates.
/// </summary>
internal sealed record GitVersion
{
    public required int Major { get; init; }
    public required int Minor { get; init; }
    public required int Patch { get; init; }
    /// <summary>"1.2.4"</summary>
    public required string MajorMinorPatch { get; init; }
    /// <summary>"1.2.4-feature-x.1" (no build metadata)</summary>
    public required string SemVer { get; init; }
    /// <summary>"1.2.4-feature-x.1+3": SemVer with the commit count since the version source.</summary>
    public required string FullSemVer { get; init; }
    /// <summary>"feature-x.1", empty for a release</summary>
    public string PreReleaseTag { get; init; } = "";
    public string PreReleaseLabel { get; init; } = "";
    public int? PreReleaseNumber { get; init; }
    public string InformationalVersion { get; init; } = "";
    public string BranchName { get; init; } = "";
    public string EscapedBranchName { get; init; } = "";
    public string Sha { get; init; } = "";
    public string ShortSha { get; init; } = "";
    public int CommitsSinceVersionSource { get; init; }
    public string VersionSourceSha { get; init; } = "";
    public int UncommittedChanges { get; init; }
    public string CommitDate { get; init; } = "";
    public string AssemblySemVer { get; init; } = "";

    /// <summary>Every variable GitVersion printed, by name (case-insensitive), as text; null values are empty.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public bool IsRelease => PreReleaseTag.Length == 0;

    /// <summary>Reads GitVersion's `/output json` document.</summary>
    public static GitVersion FromJson(string json)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var document = JsonDocument.Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException("GitVersion's output is not a JSON object.");
            foreach (var property in document.RootElement.EnumerateObject())
                variables[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
        }

        string Text(string name) => variables.GetValueOrDefault(name, "");
        string Required(string name) =>
            variables.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new FormatException($"GitVersion's output has no {name}.");
        int? Number(string name) =>
            int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

        return new GitVersion
        {
            Major = Number("Major") ?? throw new FormatException("GitVersion's output has no Major."),
            Minor = Number("Minor") ?? throw new FormatException("GitVersion's output has no Minor."),
            Patch = Number("Patch") ?? throw new FormatException("GitVersion's output has no Patch."),
            MajorMinorPatch = Required("MajorMinorPatch"),
            SemVer = Required("SemVer"),
            FullSemVer = Required("FullSemVer"),
            PreReleaseTag = Text("PreReleaseTag"),
            PreReleaseLabel = Text("PreReleaseLabel"),
            PreReleaseNumber = Number("PreReleaseNumber"),
            InformationalVersion = Text("InformationalVersion"),
            BranchName = Text("BranchName"),
            EscapedBranchName = Text("EscapedBranchName"),
            Sha = Text("Sha"),
            ShortSha = Text("ShortSha"),
            CommitsSinceVersionSource = Number("CommitsSinceVersionSource") ?? 0,
            VersionSourceSha = Text("VersionSourceSha"),
            UncommittedChanges = Number("UncommittedChanges") ?? 0,
            CommitDate = Text("CommitDate"),
            AssemblySemVer = Text("AssemblySemVer"),
            Variables = variables,
        };
    }
}
