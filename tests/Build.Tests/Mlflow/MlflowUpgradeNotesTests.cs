using GitHub.Api;
using Mlflow;

namespace Build.Tests.Mlflow;

public class MlflowUpgradeNotesTests
{
    static MlflowUpgradeNotes From311To330 => MlflowUpgradeNotes.Between(MlflowReleaseNotesFixture.Releases, MlflowRelease.TryParse("v3.1.1"), MlflowRelease.TryParse("v3.3.0")!);

    [Fact]
    public void Every_stable_release_after_the_current_default_up_to_the_proposed_one_oldest_first()
    {
        Assert.Equal(["3.2.0", "3.2.1", "3.3.0"], From311To330.Releases.Select(each => each.Release.ToString()));
        // A current default that is no release (a pinned rc, a -full tag): the proposed release's notes alone.
        Assert.Equal(["3.3.0"], MlflowUpgradeNotes.Between(MlflowReleaseNotesFixture.Releases, null, MlflowRelease.TryParse("v3.3.0")!).Releases.Select(each => each.Release.ToString()));
    }

    [Fact]
    public void The_migration_line_comes_first_then_breaking_changes_then_changed_defaults()
    {
        var highlights = From311To330.Highlights;
        Assert.Equal(
            [(UpgradeConcern.DatabaseMigration, "3.3.0", MlflowReleaseNotesFixture.MigrationLine),
             (UpgradeConcern.BreakingChange, "3.2.0", MlflowReleaseNotesFixture.BreakingLine),
             (UpgradeConcern.ChangedDefault, "3.3.0", MlflowReleaseNotesFixture.DefaultLine)],
            highlights.Select(h => (h.Concern, h.Release.ToString(), h.Line)));
    }

    [Theory]
    [InlineData("- [Tracking] A schema migration adds an index to the runs table (#1, @a)", "DatabaseMigration")]
    [InlineData("Run `mlflow db upgrade` after installing.", "DatabaseMigration")]
    [InlineData("- [Server] BREAKING: the `/ajax-api/2.0/mlflow/runs/search` endpoint moved (#2, @b)", "BreakingChange")]
    [InlineData("- SQLite is now the default backend store (#3, @c)", "ChangedDefault")]
    [InlineData("- [Server] Changed the default of `--host` to 127.0.0.1 (#4, @d)", "ChangedDefault")]
    public void Lines_that_warn_are_found_wherever_they_stand(string line, string concern) =>
        Assert.Equal(concern, Assert.Single(Notes(line).Highlights).Concern.ToString());

    [Theory]
    [InlineData("- [Tracking] Add a `timeout` parameter that defaults to None (#5, @e)")]
    [InlineData("- [Docs] The MLflow 3 migration guide covers model logging (#6, @f)")]
    [InlineData("Breaking changes:")]
    public void Ordinary_lines_and_section_titles_are_not_drawn_out(string line) => Assert.Empty(Notes(line).Highlights);

    [Fact]
    public void Mentions_and_issue_numbers_are_defused_so_the_pull_request_pings_and_links_nobody_upstream()
    {
        var markdown = From311To330.NotesMarkdown() + From311To330.HighlightsMarkdown();
        Assert.DoesNotMatch(@"(?<![\w`/])@[a-z]", markdown);
        Assert.DoesNotMatch(@"(?<![\w&/])#\d", markdown);
        Assert.Contains("@\u200Berin-example", markdown, StringComparison.Ordinal);
        Assert.Contains("#\u200B16100", markdown, StringComparison.Ordinal);
        Assert.Equal("mail a@b.org, see `@decorator` and https://x.org/a#1", MlflowUpgradeNotes.Defused("mail a@b.org, see `@decorator` and https://x.org/a#1"));
    }

    [Fact]
    public void Notes_beyond_the_budget_become_links_and_the_highlights_open_with_the_migration()
    {
        var notes = From311To330;
        var small = notes.NotesMarkdown(budget: 700);
        Assert.Contains("<details><summary>MLflow 3.2.0", small);
        Assert.Contains("- MLflow 3.3.0: [release notes](https://github.com/mlflow/mlflow/releases/tag/v3.3.0)", small);
        Assert.True(notes.NotesMarkdown().Length < MlflowUpgradeNotes.DefaultBudget);
        var firstItem = notes.HighlightsMarkdown().Split('\n').First(line => line.StartsWith("> - ", StringComparison.Ordinal));
        Assert.Contains("database migration", firstItem);
        Assert.Contains("mlflow db upgrade", firstItem);
    }

    [Fact]
    public void The_pull_request_body_opens_with_the_highlights_and_says_how_to_upgrade_a_running_server()
    {
        var proposal = new MlflowReleaseProposal("v3.1.1", MlflowRelease.TryParse("v3.3.0")!);
        var body = proposal.Body(From311To330, "checks here");
        Assert.StartsWith("> [!WARNING]", body);
        Assert.True(body.IndexOf("mlflow db upgrade <backend-store-uri>` before", StringComparison.Ordinal) < body.IndexOf("MLflow 3.3.0 is out", StringComparison.Ordinal));
        Assert.Contains("Run `mlflow db upgrade <backend-store-uri>` once, from the new image.", body);
        Assert.Contains("checks here", body);
        Assert.True(body.Length < 65_536);
        Assert.StartsWith("> [!CAUTION]", proposal.Body(null, ""));
    }

    static MlflowUpgradeNotes Notes(string body) =>
        MlflowUpgradeNotes.Between([new ReleaseNote("v9.0.0", "", body, "https://example.invalid/v9.0.0")], null, MlflowRelease.TryParse("v9.0.0")!);
}
