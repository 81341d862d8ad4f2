using System.Text.Json.Nodes;
using global::GitHub.Api;
using global::Metadata;

namespace Build.Tests.Metadata;

/// <summary>A pure (no network, no environment) way to run the computation in unit tests.</summary>
internal static class MetadataScenario
{
    public static readonly DateTimeOffset Now = new(2020, 1, 10, 0, 30, 0, TimeSpan.Zero);
    public const string Sha = "860c1904a1ce19322e91ac35af1ab07466440c37";

    public static MetadataContext Context(string reference, string eventName = "push", string? payload = null, string sha = Sha,
        string? shortShaLength = null, string defaultBranch = "master") => new()
    {
        EventName = eventName,
        Ref = reference,
        Sha = sha,
        Payload = payload is null ? new JsonObject { ["repository"] = new JsonObject { ["default_branch"] = defaultBranch } } : JsonNode.Parse(payload)!.AsObject(),
        Repository = new RepositoryData("Hello-World", "This your first repo!", "https://github.com/octocat/Hello-World", "MIT", defaultBranch),
        Now = Now,
        CommitDate = Now,
        ShortShaLength = shortShaLength,
    };

    public static MetadataOutput Compute(MetadataContext context, string[] tags, string[]? flavor = null, string[]? images = null,
        string[]? labels = null) =>
        MetadataComputation.Compute(new MetadataInputs
        {
            Images = images ?? ["user/app"], Tags = tags, Flavor = flavor ?? [], Labels = labels ?? [],
        }, context);

    /// <summary>The tag names the rules give for <paramref name="reference"/>.</summary>
    public static IReadOnlyList<string> TagNames(string reference, params string[] tags) => Compute(Context(reference), tags).TagNames;
}
