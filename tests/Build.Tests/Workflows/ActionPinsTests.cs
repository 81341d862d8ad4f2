using System.Text.RegularExpressions;
using Build.Tests.Support;
using global::Workflows;
using global::Workflows.Layouts;

namespace Build.Tests.Workflows;

/// <summary>ActionPins is the one list of actions: every committed workflow uses exactly those pins, and each pin is used.</summary>
public class ActionPinsTests
{
    static IEnumerable<(string File, Match Uses)> CommittedUses =>
        Directory.GetFiles(Path.Combine(Repo.Root, ".github", "workflows"), "*.yml").SelectMany(file =>
            Regex.Matches(File.ReadAllText(file), @"^\s*(?:- )?uses: (.*)$", RegexOptions.Multiline).Select(match => (Path.GetFileName(file), match)));

    [Fact]
    public void Every_uses_line_of_the_committed_workflows_is_a_pin_with_its_version_as_a_comment()
    {
        var uses = CommittedUses.ToList();
        Assert.NotEmpty(uses);
        foreach (var (file, match) in uses)
            Assert.True(ActionPins.All.Any(pin => match.Groups[1].Value == $"{pin.Reference} # {pin.Version}"),
                $"{file}: 'uses: {match.Groups[1].Value}' is not one of ActionPins ({string.Join(", ", ActionPins.All.Select(pin => pin.Repository))})");
    }

    [Fact]
    public void Every_pin_is_used_by_a_committed_workflow_or_the_single_runner_layout()
    {
        var single = BuildUnderTest.Attribute.CreateWorkflow();
        new SingleRunnerLayout("publish").Apply(single);
        var used = CommittedUses.Select(use => use.Uses.Groups[1].Value)
            .Concat(Regex.Matches(WorkflowYamlWriter.Write(single, []), @"uses: (.*)$", RegexOptions.Multiline).Select(match => match.Groups[1].Value))
            .ToHashSet();
        Assert.All(ActionPins.All, pin => Assert.Contains($"{pin.Reference} # {pin.Version}", used));
    }

    [Fact]
    public void Pins_are_full_shas_with_exact_versions_and_each_action_appears_once()
    {
        Assert.All(ActionPins.All, pin =>
        {
            Assert.Matches("^[0-9a-f]{40}$", pin.Sha);
            Assert.Matches(@"^v\d+\.\d+\.\d+$", pin.Version);
        });
        Assert.Equal(ActionPins.All.Count, ActionPins.All.Select(pin => pin.Repository).Distinct().Count());
    }
}
