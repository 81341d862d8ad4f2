using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.Design;

/// <summary>
/// The product is named in one place: the build class's own files (build/Build.cs, build/Build.*.cs) and the
/// MLflow folder (build/Mlflow/). Everything else under build/ is generic and takes what it needs from the build
/// class, so a build of another image reuses it unchanged.
/// </summary>
public partial class ProductNameTests
{
    const string Product = "mlflow";

    [Fact]
    public void No_file_outside_the_build_class_and_the_MLflow_folder_names_MLflow()
    {
        var offenders = FilesNaming(Product, Path.Combine(Repo.Root, "build"));

        Assert.True(offenders.Count == 0,
            $"These files name {Product} (case-insensitive) outside build/Build.cs, build/Build.*.cs and build/Mlflow/; "
            + "use generic wording, or take the value from the build class through a member the component declares:\n  "
            + string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_check_names_a_generic_file_that_mentions_the_product_and_nothing_else()
    {
        var root = Directory.CreateTempSubdirectory("product-name-").FullName;
        try
        {
            void Write(string path, string text)
            {
                var full = Path.Combine(root, "build", path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
            Write("Docker/ImageNameRules.cs", "// e.g. owner/repo/MLflow");
            Write("Prune/Generic.cs", "// e.g. owner/repo/app");
            Write("Build.cs", "string Name => \"mlflow\";");
            Write("Build.Mlflow.cs", "// MLflow choices");
            Write("Mlflow/Smoke/MlflowRestClient.cs", "// MLflow's REST API");
            Write("Components/bin/Debug/Generated.cs", "// mlflow");
            Write("obj/Generated.cs", "// mlflow");
            Write("Components/Build.cs", "// a Build.cs outside build/ itself is generic: mlflow");
            Write("MlflowNotes.txt", "not C#: mlflow");

            Assert.Equal(["build/Components/Build.cs", "build/Docker/ImageNameRules.cs"], FilesNaming(Product, Path.Combine(root, "build")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>build/**/*.cs outside bin/, obj/, the build class's files and build/Mlflow/ whose text holds <paramref name="word"/>, as repository paths.</summary>
    static List<string> FilesNaming(string word, string buildDirectory) =>
        Directory.EnumerateFiles(buildDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(file => "build/" + Path.GetRelativePath(buildDirectory, file).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .Where(path => !BuildClassFile().IsMatch(path) && !path.StartsWith("build/Mlflow/", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(Path.Combine(buildDirectory, path["build/".Length..])).Contains(word, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^build/Build(\.[^/]+)?\.cs$")]
    private static partial Regex BuildClassFile();
}
