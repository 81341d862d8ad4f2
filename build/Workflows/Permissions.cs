namespace Workflows;

/// <summary>A scope of the GITHUB_TOKEN (NUKE's names, plus attestations).</summary>
internal enum GitHubActionsPermissions
{
    Actions,
    ArtifactMetadata,
    Attestations,
    Checks,
    Contents,
    Deployments,
    Discussions,
    IdToken,
    Issues,
    Packages,
    Pages,
    PullRequests,
    RepositoryProjects,
    SecurityEvents,
    Statuses,
}

internal enum PermissionLevel { None, Read, Write }

/// <summary>
/// A <c>permissions:</c> block. Written in scope order whatever the order of assignment, so regenerating
/// never reorders it.
/// </summary>
internal sealed class Permissions
{
    readonly SortedDictionary<GitHubActionsPermissions, PermissionLevel> levels = new();

    public PermissionLevel? this[GitHubActionsPermissions scope]
    {
        get => levels.TryGetValue(scope, out var level) ? level : null;
        set
        {
            if (value is { } level) levels[scope] = level;
            else levels.Remove(scope);
        }
    }

    public bool IsEmpty => levels.Count == 0;

    public IEnumerable<KeyValuePair<GitHubActionsPermissions, PermissionLevel>> Entries => levels;

    public static Permissions Of(IEnumerable<GitHubActionsPermissions> read, IEnumerable<GitHubActionsPermissions> write)
    {
        var permissions = new Permissions();
        foreach (var scope in read) permissions[scope] = PermissionLevel.Read;
        foreach (var scope in write) permissions[scope] = PermissionLevel.Write;
        return permissions;
    }

    public Permissions Copy()
    {
        var copy = new Permissions();
        foreach (var (scope, level) in levels) copy[scope] = level;
        return copy;
    }

    public static string ScopeName(GitHubActionsPermissions scope) => scope switch
    {
        GitHubActionsPermissions.IdToken => "id-token",
        GitHubActionsPermissions.ArtifactMetadata => "artifact-metadata",
        GitHubActionsPermissions.PullRequests => "pull-requests",
        GitHubActionsPermissions.RepositoryProjects => "repository-projects",
        GitHubActionsPermissions.SecurityEvents => "security-events",
        _ => scope.ToString().ToLowerInvariant(),
    };

    public static string LevelName(PermissionLevel level) => level.ToString().ToLowerInvariant();
}
