using Prune;

namespace Build.Tests.Prune;

/// <summary>Every version is checked before anything is planned from it: any doubt is one line naming the version and field.</summary>
public class VersionPageTests
{
    const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

    static string Version(string id = "1", string name = $"\"{Digest}\"", string created = "\"2026-11-01T00:00:00Z\"",
        string updated = "\"2026-11-02T00:00:00Z\"", string metadata = """{"package_type":"container","container":{"tags":["main"]}}""") =>
        $$"""{"id":{{id}},"name":{{name}},"created_at":{{created}},"updated_at":{{updated}},"metadata":{{metadata}}}""";

    [Fact]
    public void A_whole_version_reads()
    {
        var version = Assert.Single(VersionPage.Parse($"[{Version(created: "\"2026-11-01T00:00:00.123+02:00\"")}]", 1));
        Assert.Equal((1L, Digest, "main"), (version.Id, version.Digest, version.Tags[0]));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), version.Changed);
    }

    [Fact]
    public void An_empty_tag_list_is_an_untagged_version() =>
        Assert.Empty(Assert.Single(VersionPage.Parse($"[{Version(metadata: """{"container":{"tags":[]}}""")}]", 1)).Tags);

    public static TheoryData<string, string> Hostile => new()
    {
        { $"[{Version(metadata: """{"package_type":"container"}""")}]", "version 1 (entry 1 of page 1): field metadata.container.tags is missing" },
        { $"[{Version(metadata: "null")}]", "field metadata.container.tags is missing" },
        { $"[{Version(metadata: """{"container":{"tags":"main"}}""")}]", "field metadata.container.tags is missing or not a list" },
        { $"[{Version(metadata: """{"container":{"tags":[null]}}""")}]", "metadata.container.tags holds null" },
        { Version(), "page 1 of the versions is an object, not a list of versions" },
        { "[null]", "entry 1 of page 1 is null, not a version" },
        { $"[{Version(id: "\"1\"")}]", "entry 1 of page 1: field id is '1', not a positive whole number" },
        { $"[{Version(id: "1180591620717411303424")}]", "field id is 1180591620717411303424, not a positive whole number" },
        { $"[{Version(id: "-3")}]", "field id is -3" },
        { $"[{Version(id: "1.5")}]", "field id is 1.5" },
        { $"[{Version(name: "\"latest\"")}]", "version 1 (entry 1 of page 1): field name is 'latest', not a sha256: digest" },
        { $"[{Version(name: "null")}]", "field name is null" },
        { $"[{Version(created: "\"yesterday\"")}]", "field created_at is 'yesterday', not a date" },
        { $"[{Version(updated: "12")}]", "field updated_at is 12, not a date" },
        { $"[{Version(updated: "\"2026-11-02\"")}]", "field updated_at is '2026-11-02', not a date" },
        { $"[{Version(name: "\"sha256:\\nhidden\"")}]", "field name is 'sha256:?hidden', not a sha256: digest" },
        { """[{"id": 1, "name": "sha""", "page 1 of the versions is not JSON" },
        { "", "page 1 of the versions is not JSON" },
    };

    [Theory, MemberData(nameof(Hostile))]
    public void Anything_else_is_one_line_naming_the_version_and_field(string body, string expected)
    {
        var error = Assert.Throws<BuildError>(() => VersionPage.Parse(body, 1));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("Nothing deleted: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
