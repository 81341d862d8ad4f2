using System.Text.Json.Nodes;
using GitHub.Api;

namespace Build.Tests.Mlflow;

/// <summary>
/// Release bodies shaped like MLflow's own (an intro, "Section:" headings, "- [Area] text (#PR, @author)" entries, a
/// closing list of small fixes), written for these tests; newest first, as GitHub's releases API lists them.
/// </summary>
static class MlflowReleaseNotesFixture
{
    public const string MigrationLine =
        "[Tracking] Assessment sources move to a table of their own, which needs a database migration: run `mlflow db upgrade <backend-store-uri>` before the new server starts (#16100, @erin-example)";
    public const string BreakingLine = "[Tracking] `log_model` no longer takes `artifact_path`; pass `name` (#16010, @bob-example)";
    public const string DefaultLine = "[Server] `mlflow server` now defaults to 4 workers instead of 1 (#16110, @frank-example)";

    public static readonly ReleaseNote[] Releases =
    [
        new("v3.4.0rc0", "MLflow 3.4.0rc0", "A release candidate.\n\n- [Tracking] Something under test (#16300, @alice-example)", "https://github.com/mlflow/mlflow/releases/tag/v3.4.0rc0"),
        new("v3.3.0", "MLflow 3.3.0", $"""
            MLflow 3.3.0 brings faster trace search and a new assessment store.

            Features:

            - {MigrationLine}
            - {DefaultLine}
            - [UI] Filter runs by tag from the table header (#16130, @grace-example)

            Bug fixes:

            - [Models] Fix loading models saved by 2.x with custom code (#16120, @grace-example)

            Small bug fixes and documentation updates:

            #16140, #16141, @alice-example; #16142, @bob-example
            """, "https://github.com/mlflow/mlflow/releases/tag/v3.3.0"),
        new("v3.2.1", "MLflow 3.2.1", """
            MLflow 3.2.1 is a patch release with bug fixes.

            Bug fixes:

            - [Tracking] Fix a crash when a run name holds a slash (#16050, @carol-example)
            """, "https://github.com/mlflow/mlflow/releases/tag/v3.2.1"),
        new("v3.2.0", "MLflow 3.2.0", $"""
            We are happy to announce MLflow 3.2.0.

            Major new features:

            - **Trace search**: search traces by span attributes (#16001, @alice-example)

            Breaking changes:

            - {BreakingLine}

            Features:

            - [Tracking] Add a `--workers` option to `mlflow server` (#16020, @carol-example)

            Documentation updates:

            - [Docs] A page on the artifact proxy (#16030, @dave-example)
            """, "https://github.com/mlflow/mlflow/releases/tag/v3.2.0"),
        new("v3.1.1", "MLflow 3.1.1", "Bug fixes:\n\n- [UI] Fix dark mode (#15900, @dave-example)", "https://github.com/mlflow/mlflow/releases/tag/v3.1.1"),
        new("v2.22.2", "MLflow 2.22.2", "A backport for the 2.x line.\n\n- [Tracking] Fix a leak (#15950, @erin-example)", "https://github.com/mlflow/mlflow/releases/tag/v2.22.2"),
    ];

    /// <summary>The releases as GET /repos/mlflow/mlflow/releases answers (a draft among them, which is never shown).</summary>
    public static string Json() => new JsonArray([
        .. Releases.Select((release, i) => (JsonNode)new JsonObject
        {
            ["id"] = 1000 + i, ["tag_name"] = release.Tag, ["name"] = release.Name, ["body"] = release.Body, ["html_url"] = release.Url,
            ["draft"] = false, ["prerelease"] = release.Tag.Contains("rc"),
        }),
        new JsonObject { ["id"] = 999, ["tag_name"] = "v3.3.1", ["name"] = "draft", ["body"] = "database migration draft", ["html_url"] = "", ["draft"] = true, ["prerelease"] = false },
    ]).ToJsonString();
}
