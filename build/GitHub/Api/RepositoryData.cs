namespace GitHub.Api;

/// <summary>What the build needs to know about the repository (GET /repos/{owner}/{repo}).</summary>
internal sealed record RepositoryData(string Name, string Description, string HtmlUrl, string LicenseSpdxId, string DefaultBranch)
{
    public static readonly RepositoryData Empty = new("", "", "", "", "");
}
