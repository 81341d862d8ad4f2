using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.Readme;

/// <summary>The README is for the people who run the pipeline: short, present tense, no history; the depth is in docs/.</summary>
public class ReadmeShapeTests
{
    static readonly string[] HistoryWords = [@"\bround\b", @"\brounds\b", @"\bseed\b", "this evening", "load average", @"\bissue \d+", "this session"];

    [Fact]
    public void The_README_is_at_most_150_lines()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md")).Length;
        Assert.True(lines <= 150, $"README.md has {lines} lines; move the depth to docs/");
    }

    public static TheoryData<string> Pages() =>
        new(Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Order().Prepend(Path.Combine(Repo.Root, "README.md"))
            .Select(path => Path.GetRelativePath(Repo.Root, path)));

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_tells_no_history(string page)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, page));
        var found = HistoryWords.Where(word => Regex.IsMatch(text, word, RegexOptions.IgnoreCase)).ToList();
        Assert.True(found.Count == 0, $"{page} tells history ({string.Join(", ", found)}): say what is, not how it got here");
    }

    [Fact]
    public void Every_docs_page_the_README_links_exists()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var missing = Regex.Matches(readme, @"\]\((docs/[^)#]+)").Select(m => m.Groups[1].Value).Distinct()
            .Where(link => !File.Exists(Path.Combine(Repo.Root, link))).ToList();
        Assert.True(missing.Count == 0, "README links pages that do not exist: " + string.Join(", ", missing));
    }
}
