using CsCheck;
using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

public class WorkflowYamlWriterTests
{
    [Fact]
    public void Triggers_are_written_in_order_with_branches_tags_and_paths()
    {
        var workflow = WorkflowYaml.Minimal();
        workflow.On.Push = new TriggerFilter { Branches = ["main", "release/*"], Tags = ["v*"], Paths = ["build/**", "**/*.md", "!docs/**"] };
        workflow.On.PullRequest = new TriggerFilter { Branches = ["main"] };
        workflow.On.Schedules.Add("0 4 * * 1");

        Assert.Equal(
            """
            on:
              push:
                branches:
                  - main
                  - release/*
                tags:
                  - v*
                paths:
                  - build/**
                  - '**/*.md'
                  - '!docs/**'
              pull_request:
                branches:
                  - main
              workflow_dispatch: {}
              schedule:
                - cron: 0 4 * * 1

            """, WorkflowYaml.Block(WorkflowYaml.Write(workflow), "on:"));
    }

    [Fact]
    public void A_trigger_without_filters_is_an_empty_map_and_a_workflow_needs_one()
    {
        var workflow = WorkflowYaml.Minimal();
        workflow.On.Push = new TriggerFilter();
        Assert.Contains("\n  push: {}\n", WorkflowYaml.Write(workflow));

        workflow.On.Push = null;
        workflow.On.WorkflowDispatch = false;
        Assert.Throws<InvalidOperationException>(() => WorkflowYaml.Write(workflow));
    }

    [Fact]
    public void Permissions_are_sorted_by_scope_and_a_job_gets_its_own_block()
    {
        var workflow = WorkflowYaml.Minimal(job => job.Permissions = Permissions.Of(
            read: [GitHubActionsPermissions.Contents],
            write: [GitHubActionsPermissions.Packages, GitHubActionsPermissions.IdToken, GitHubActionsPermissions.Attestations]));
        workflow.Permissions = new Permissions
        {
            [GitHubActionsPermissions.PullRequests] = PermissionLevel.None,
            [GitHubActionsPermissions.Contents] = PermissionLevel.Read,
        };
        var yaml = WorkflowYaml.Write(workflow);

        Assert.Equal("permissions:\n  contents: read\n  pull-requests: none\n", WorkflowYaml.Block(yaml, "permissions:"));
        Assert.Equal(
            "permissions:\n  attestations: write\n  contents: read\n  id-token: write\n  packages: write\n",
            WorkflowYaml.Block(WorkflowYaml.Block(yaml, "job:"), "permissions:"));
    }

    [Fact]
    public void Empty_permissions_mean_no_scopes_and_are_written_as_an_empty_map()
    {
        var yaml = WorkflowYaml.Write(WorkflowYaml.Minimal(job => job.Permissions = new Permissions()));
        Assert.Contains("\n    permissions: {}\n", yaml);
        Assert.DoesNotContain("\npermissions:", yaml); // the workflow's own is empty and was never set: left out
    }

    [Fact]
    public void Matrix_needs_and_outputs_are_written_and_read_back()
    {
        var workflow = WorkflowYaml.Minimal(job =>
        {
            job.Strategy = new JobStrategy { FailFast = false };
            job.Strategy.MatrixInclude.Add(new() { ["platform"] = "linux/amd64", ["runner"] = "ubuntu-24.04" });
            job.Strategy.MatrixInclude.Add(new() { ["platform"] = "linux/arm64", ["runner"] = "ubuntu-24.04-arm" });
            job.RunsOn[0] = "${{ matrix.runner }}";
        });
        var merge = new WorkflowJob("merge") { RunsOn = ["ubuntu-24.04"], TimeoutMinutes = 15, Environment = new("production", "https://example.org") };
        merge.Needs.Add("job");
        merge.Outputs["digest"] = "${{ steps.merge.outputs.digest }}";
        merge.Steps.Add(new BuildStep { Id = "merge", Targets = ["Merge"] });
        var report = new WorkflowJob("report") { RunsOn = ["self-hosted", "linux", "arm64"] };
        report.Needs.AddRange(["job", "merge"]);
        report.Steps.Add(new BuildStep { Targets = ["Report"] });
        workflow.Jobs.AddRange([merge, report]);
        var yaml = WorkflowYaml.Write(workflow);

        Assert.Equal(
            """
            strategy:
              fail-fast: false
              matrix:
                include:
                  - platform: linux/amd64
                    runner: ubuntu-24.04
                  - platform: linux/arm64
                    runner: ubuntu-24.04-arm

            """, WorkflowYaml.Block(WorkflowYaml.Block(yaml, "job:"), "strategy:"));
        Assert.Contains("\n  merge:\n    needs: job\n    runs-on: ubuntu-24.04\n    environment:\n      name: production\n      url: https://example.org\n    timeout-minutes: 15\n    outputs:\n      digest: ${{ steps.merge.outputs.digest }}\n", yaml);
        var root = WorkflowYaml.Read(yaml);
        Assert.Equal(["job", "merge"], ((YamlSequenceNode)root.At("jobs", "report", "needs")).Children.Select(n => n.Text()));
        Assert.Equal(["self-hosted", "linux", "arm64"], ((YamlSequenceNode)root.At("jobs", "report", "runs-on")).Children.Select(n => n.Text()));
        Assert.Equal("ubuntu-24.04-arm", root.At("jobs", "job", "strategy", "matrix", "include", 1, "runner").Text());
        Assert.Equal("merge", root.At("jobs", "merge", "steps", 0, "id").Text());
    }

    [Fact]
    public void A_build_step_passes_parameters_secrets_and_the_token_through_env_not_the_script()
    {
        var step = new BuildStep { Name = "Run: A, B", Targets = ["A", "B"], GitHubToken = true };
        step.Parameters["Platforms"] = "${{ matrix.platform }}";
        step.Secrets["RegistryPassword"] = "REGISTRY_PASSWORD";
        var yaml = WorkflowYaml.Write(WorkflowYaml.Minimal(job => job.Steps[0] = step));

        Assert.Equal(
            """
            - name: 'Run: A, B'
              run: ./build.cmd A B
              env:
                Platforms: ${{ matrix.platform }}
                RegistryPassword: ${{ secrets.REGISTRY_PASSWORD }}
                GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}

            """, WorkflowYaml.Block(yaml, "- name: 'Run"));
    }

    [Fact]
    public void An_action_is_pinned_by_sha_with_its_version_as_a_comment()
    {
        var checkout = ActionPins.Checkout.Step();
        checkout.With["fetch-depth"] = 0;
        checkout.With["lfs"] = true;
        checkout.With["ref"] = "1.0";
        var yaml = WorkflowYaml.Write(WorkflowYaml.Minimal(job => job.Steps.Insert(0, checkout)));

        Assert.Contains(
            "\n      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n        with:\n          fetch-depth: 0\n          lfs: true\n          ref: '1.0'\n",
            yaml);
    }

    [Fact]
    public void The_header_is_comments_and_sections_and_jobs_are_separated_by_blank_lines()
    {
        var workflow = WorkflowYaml.Minimal();
        workflow.Jobs.Add(new WorkflowJob("second") { RunsOn = ["ubuntu-24.04"], Steps = { new BuildStep { Targets = ["B"] } } });
        var yaml = WorkflowYamlWriter.Write(workflow, ["generated, do not edit", "regenerate with: x"]);

        Assert.StartsWith("# generated, do not edit\n# regenerate with: x\n\nname: test\n\non:\n", yaml);
        Assert.Contains("\n\njobs:\n  job:\n", yaml);
        Assert.Contains("\n\n  second:\n", yaml);
        Assert.DoesNotContain("\n\n\n", yaml);
        Assert.DoesNotContain("\r", yaml);
    }

    public static TheoryData<string, string> SpecialStrings => new()
    {
        { "a: b", "'a: b'" },
        { "a:b", "a:b" },
        { "a #b", "'a #b'" },
        { "a#b", "a#b" },
        { "# not a comment", "'# not a comment'" },
        { "**/*.cs", "'**/*.cs'" },
        { "*alias", "'*alias'" },
        { "&anchor", "'&anchor'" },
        { "{x}", "'{x}'" },
        { "[x]", "'[x]'" },
        { "${{ github.ref }}", "${{ github.ref }}" },
        { "it's", "it's" },
        { "'quoted'", "\"'quoted'\"" },
        { "\"quoted\"", "'\"quoted\"'" },
        { "!docs/**", "'!docs/**'" },
        { "- x", "'- x'" },
        { "? x", "'? x'" },
        { "@x", "'@x'" },
        { "`x", "'`x'" },
        { "%x", "'%x'" },
        { "|x", "'|x'" },
        { ">x", "'>x'" },
        { " padded", "' padded'" },
        { "", "''" },
        { "true", "'true'" },
        { "yes", "'yes'" },
        { "on", "'on'" },
        { "null", "'null'" },
        { "~", "'~'" },
        { "1", "'1'" },
        { "1.0", "'1.0'" },
        { "0x1F", "'0x1F'" },
        { "1e3", "'1e3'" },
        { ".inf", "'.inf'" },
        { "3.1.1", "3.1.1" },
        { "v1.0", "v1.0" },
    };

    [Theory]
    [MemberData(nameof(SpecialStrings))]
    public void Special_characters_are_quoted_only_where_YAML_needs_it(string value, string expected)
    {
        var yaml = WorkflowYaml.Write(WorkflowYaml.Minimal(job => job.Env["VALUE"] = value));

        Assert.Contains($"\n      VALUE: {expected}\n", yaml);
        var read = (YamlScalarNode)WorkflowYaml.Read(yaml).At("jobs", "job", "env", "VALUE");
        Assert.Equal(value, read.Value);
    }

    [Fact]
    public void Multi_line_text_is_a_literal_block()
    {
        var yaml = WorkflowYaml.Write(WorkflowYaml.Minimal(job => job.Env["SCRIPT"] = "echo one\necho 'two: #2'\n"));

        Assert.Contains("\n      SCRIPT: |\n        echo one\n        echo 'two: #2'\n", yaml);
        Assert.Equal("echo one\necho 'two: #2'\n", WorkflowYaml.Read(yaml).At("jobs", "job", "env", "SCRIPT").Text());
    }

    [Fact]
    public void Any_string_reads_back_as_the_same_string()
    {
        var text = Gen.OneOf(
            Gen.String,
            Gen.String[Gen.Char["abc:#*{}[]'\"!&|>%@`,-? \n\t.0123456789"], 0, 12],
            Gen.Frequency((1, "true"), (1, "No"), (1, "ON"), (1, "null"), (1, "~"), (1, "0o17"), (1, "+1"), (1, "-.5"), (1, "1_000"), (1, "12:30"), (1, "="), (1, "<<")));
        text.Sample(value =>
        {
            var yaml = WorkflowYaml.Write(WorkflowYaml.Minimal(job => job.Env["VALUE"] = value));
            var read = (YamlScalarNode)WorkflowYaml.Read(yaml).At("jobs", "job", "env", "VALUE");
            Assert.Equal(value, read.Value);
            // A plain scalar must not be one a YAML 1.1 or 1.2 reader would turn into a bool, null or number.
            Assert.False(read.Style == YamlDotNet.Core.ScalarStyle.Plain && WorkflowValue.String(value).NeedsQuotes, yaml);
        }, iter: 3000, print: value => System.Text.Json.JsonSerializer.Serialize(value));
    }
}
