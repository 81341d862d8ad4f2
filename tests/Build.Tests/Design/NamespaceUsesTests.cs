namespace Build.Tests.Design;

/// <summary>The reader and the cycle finder on inputs whose answer is known.</summary>
public class NamespaceUsesTests
{
    [Fact]
    public void UsesInsideMethodBodiesAreFound()
    {
        var assembly = typeof(NamespaceUsesTests).Assembly;
        var low = assembly.GetTypes().Where(t => NamespaceUses.NamespaceOf(t) == "Build.Tests.Design.LayerFixture.Low");
        var uses = NamespaceUses.Read(assembly, low, assembly);
        Assert.Equal(
            ["Build.Tests.Design.LayerFixture.High.Higher", "Build.Tests.Design.LayerFixture.High.Mark"],
            uses.Select(u => u.Type).Distinct().Order());
        Assert.All(uses, u => Assert.Equal(("tests/Build.Tests/Design/LayerFixture.cs", "Build.Tests.Design.LayerFixture.Low", "Build.Tests.Design.LayerFixture.High"), (u.File, u.From, u.To)));
    }

    [Fact]
    public void TheSourceShowsUsingsConstantsAndNameofButNotComments()
    {
        var directory = Directory.CreateTempSubdirectory("layer-fixture-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "Lower.cs"), """
                using Build.Tests.Design.LayerFixture.High;
                // Build.Tests.Design.LayerFixture.High.Higher in a comment is no use
                namespace Build.Tests.Design.LayerFixture.Low;
                static class Lower { public const string Name = nameof(Build.Tests.Design.LayerFixture.High.Mark); }
                """);
            var uses = SourceNamespaceUses.Read(directory.FullName, ["Lower.cs"], typeof(NamespaceUsesTests).Assembly);
            Assert.Equal(
                ["using Build.Tests.Design.LayerFixture.High", "Build.Tests.Design.LayerFixture.High.Mark"],
                uses.Select(u => u.Type));
            Assert.All(uses, u => Assert.Equal(("Build.Tests.Design.LayerFixture.Low", "Build.Tests.Design.LayerFixture.High"), (u.From, u.To)));
        }
        finally { directory.Delete(recursive: true); }
    }

    [Fact]
    public void CyclesAreNamedByTheirPath()
    {
        Assert.Empty(LayerGraph.Cycles([("Git", "Tooling"), ("Docker", "Git"), ("Docker", "Tooling")]));
        var cycles = LayerGraph.Cycles([("Git", "GitHub"), ("GitHub", "Docker"), ("Docker", "Git"), ("Docker", "Tooling"), ("Prune", "Components"), ("Components", "Prune")]);
        Assert.Equal(["Components -> Prune -> Components", "Docker -> Git -> GitHub -> Docker"], cycles.Select(c => string.Join(" -> ", c)));
    }
}
