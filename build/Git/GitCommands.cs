using Tooling;

namespace Git;

/// <summary>The git invocations the build uses, as argument lists run in one repository directory.</summary>
internal static class GitCommands
{
    /// <summary>Two lines: the work tree's top level and "true"/"false" for a shallow clone. Fails outside a repository.</summary>
    public static ToolCommand TopLevelAndShallow(string directory) =>
        Git(directory, "rev-parse", "--show-toplevel", "--is-shallow-repository");

    /// <summary>Two lines: HEAD's sha and its symbolic name ("refs/heads/main", or "HEAD" when detached). Fails before the first commit.</summary>
    public static ToolCommand Head(string directory) =>
        Git(directory, "rev-parse", "HEAD", "--symbolic-full-name", "HEAD");

    /// <summary>One line per changed, staged or untracked path.</summary>
    public static ToolCommand UncommittedChanges(string directory) =>
        Git(directory, "status", "--porcelain");

    /// <summary>A remote's URL; exit code 1 when the remote does not exist.</summary>
    public static ToolCommand RemoteUrl(string directory, string remote) =>
        Git(directory, "config", "--get", $"remote.{remote}.url");

    /// <summary>HEAD's sha; fails (quietly) before the first commit.</summary>
    public static ToolCommand VerifyHead(string directory) =>
        Git(directory, "rev-parse", "--verify", "-q", "HEAD");

    /// <summary>What a symbolic ref points to ("refs/heads/main"); fails when it is not symbolic (a detached HEAD).</summary>
    public static ToolCommand SymbolicRef(string directory, string name) =>
        Git(directory, "symbolic-ref", "-q", name);

    /// <summary>The tags on HEAD, one per line.</summary>
    public static ToolCommand TagsAtHead(string directory) =>
        Git(directory, "tag", "--points-at", "HEAD");

    /// <summary>HEAD's committer date, ISO 8601 with offset.</summary>
    public static ToolCommand CommitDate(string directory) =>
        Git(directory, "log", "-1", "--format=%cI", "HEAD");

    /// <summary>A configuration value; exit code 1 when it is not set.</summary>
    public static ToolCommand Config(string directory, string key) =>
        Git(directory, "config", "--get", key);

    /// <summary>Turns a shallow clone into a complete one and brings every tag (GitVersion walks back to the last release tag).</summary>
    public static ToolCommand Unshallow(string directory, string remote) =>
        Git(directory, "fetch", "--unshallow", "--tags", "--no-recurse-submodules", remote);

    /// <summary>Brings the remote's tags; existing local tags are left as they are.</summary>
    public static ToolCommand FetchTags(string directory, string remote) =>
        Git(directory, "fetch", "--tags", "--no-recurse-submodules", remote);

    /// <summary>Creates (or resets) <paramref name="branch"/> at HEAD and switches to it, keeping the work tree's changes.</summary>
    public static ToolCommand SwitchToBranchAtHead(string directory, string branch) =>
        Git(directory, "checkout", "-q", "-B", branch);

    /// <summary>Commits exactly <paramref name="paths"/> as <paramref name="author"/> (name, email), whatever else is staged.</summary>
    public static ToolCommand CommitPaths(string directory, IReadOnlyList<string> paths, (string Name, string Email) author, string subject, string body) =>
        Git(directory, ["-c", $"user.name={author.Name}", "-c", $"user.email={author.Email}", "commit", "-q", "-m", subject, "-m", body, "--", .. paths]);

    /// <summary>The absolute path of the directory holding the objects and refs (shared by every worktree).</summary>
    public static ToolCommand CommonDirectory(string directory) =>
        Git(directory, "rev-parse", "--path-format=absolute", "--git-common-dir");

    /// <summary>Creates an empty repository in <paramref name="directory"/> (and the directory if needed).</summary>
    public static ToolCommand Init(string directory) =>
        Git(Path.GetDirectoryName(directory) ?? directory, "init", "-q", directory);

    /// <summary>Copies every ref of the repository at <paramref name="source"/> as it is (branches, remote-tracking branches, tags), HEAD's branch included.</summary>
    public static ToolCommand FetchEveryRef(string directory, string source) =>
        Git(directory, "fetch", "-q", "--no-tags", "--update-head-ok", "--no-write-fetch-head", source, "+refs/*:refs/*");

    /// <summary>Makes HEAD name <paramref name="reference"/> ("refs/heads/main").</summary>
    public static ToolCommand PointHeadAt(string directory, string reference) =>
        Git(directory, "symbolic-ref", "HEAD", reference);

    /// <summary>Detaches HEAD at <paramref name="sha"/>.</summary>
    public static ToolCommand DetachHeadAt(string directory, string sha) =>
        Git(directory, "update-ref", "--no-deref", "HEAD", sha);

    /// <summary>Makes the work tree and index what HEAD holds.</summary>
    public static ToolCommand ResetWorkTree(string directory) =>
        Git(directory, "reset", "-q", "--hard", "HEAD");

    /// <summary>Adds a remote named <paramref name="name"/>.</summary>
    public static ToolCommand AddRemote(string directory, string name, string url) =>
        Git(directory, "remote", "add", name, url);

    /// <summary>
    /// Pushes HEAD to <paramref name="branch"/> of <paramref name="remote"/>, replacing what is there (for a branch the build owns).
    /// <paramref name="token"/> goes into git's environment (see <see cref="GitHttpAuthorization"/>): a token never goes into argv.
    /// </summary>
    public static ToolCommand ForcePushHead(string directory, string remote, string branch, string serverUrl, Secret token) =>
        GitHttpAuthorization.Authorize(Git(directory, "push", "-q", "--force", remote, $"HEAD:refs/heads/{branch}"), serverUrl, token);

    static ToolCommand Git(string directory, params string[] arguments) =>
        new("git", ["-C", directory, .. arguments])
        {
            // Messages we show or classify must not depend on the user's language.
            Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C", ["GIT_TERMINAL_PROMPT"] = "0" },
        };
}
