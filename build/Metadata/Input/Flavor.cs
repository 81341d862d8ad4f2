namespace Metadata.Input;

/// <summary>The <c>flavor</c> input: when to add <c>latest</c>, and a prefix/suffix for every tag.</summary>
internal sealed record Flavor(string Latest, string Prefix, bool PrefixLatest, string Suffix, bool SuffixLatest)
{
    public static readonly Flavor Default = new("auto", "", false, "", false);

    public static Flavor Parse(IReadOnlyList<string> entries)
    {
        var flavor = Default;
        foreach (var entry in entries)
        {
            var onLatestFor = "";
            foreach (var field in CsvRecords.Fields(entry))
            {
                // Like the action's split('=', 2): a second '=' and what follows it are dropped.
                var parts = field.Split('=');
                if (parts.Length == 1) throw new BuildError($"Invalid flavor entry: {entry}");
                var key = parts[0].Trim().ToLowerInvariant();
                var value = parts[1].Trim();
                switch (key)
                {
                    case "latest":
                        if (value is not ("auto" or "true" or "false")) throw new BuildError($"Invalid latest flavor entry: {entry}");
                        flavor = flavor with { Latest = value };
                        break;
                    case "prefix":
                        flavor = flavor with { Prefix = value };
                        onLatestFor = key;
                        break;
                    case "suffix":
                        flavor = flavor with { Suffix = value };
                        onLatestFor = key;
                        break;
                    case "onlatest":
                        if (value is not ("true" or "false")) throw new BuildError($"Invalid value for onlatest attribute: {value}");
                        if (onLatestFor == "prefix") flavor = flavor with { PrefixLatest = value == "true" };
                        if (onLatestFor == "suffix") flavor = flavor with { SuffixLatest = value == "true" };
                        break;
                    default:
                        throw new BuildError($"Unknown flavor entry: {entry}");
                }
            }
        }
        return flavor;
    }

    /// <summary>The latest-tag decision under <c>latest=auto</c> is <paramref name="auto"/>; true/false force it.</summary>
    public bool LatestFor(bool auto) => Latest == "auto" ? auto : Latest == "true";
}
