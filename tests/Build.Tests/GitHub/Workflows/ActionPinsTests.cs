using System.Text.RegularExpressions;
using Build.Tests.Support;
using GitHub.Workflows;

namespace Build.Tests.GitHub.Workflows;

public class ActionPinsTests
{
    [SkippableFact]
    public void Every_pin_matches_the_reference_table_of_current_Node_24_releases()
    {
        Need.Shared();
        var table = File.ReadAllLines(Path.Combine(Repo.Shared, "reference", "action-pins.md"))
            .Select(line => Regex.Match(line, @"^\| (\S+)(?: \(previous major\))? \| (v[\d.]+) \| ([0-9a-f]{40}) \|"))
            .Where(match => match.Success && !match.Value.Contains("previous major"))
            .ToDictionary(match => match.Groups[1].Value, match => (Version: match.Groups[2].Value, Sha: match.Groups[3].Value));

        foreach (var pin in ActionPins.All)
        {
            Assert.True(table.TryGetValue(pin.Repository, out var row), $"{pin.Repository} is not in action-pins.md");
            Assert.Equal((row.Sha, row.Version), (pin.Sha, pin.Version));
        }
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
