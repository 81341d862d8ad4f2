using Mlflow;

namespace Build.Tests.Mlflow;

public class MlflowBuildArgumentsTests
{
    [Fact]
    public void Build_args_carry_the_parameters_in_order_and_unpinned_packages_as_empty_values()
    {
        var args = MlflowBuildArguments.Validate("ghcr.io/mlflow/mlflow", "v3.1.1", "1.34.0", null).ToBuildArgs();
        Assert.Equal(
            [new("MLFLOW_IMAGE", "ghcr.io/mlflow/mlflow"), new("MLFLOW_VERSION", "v3.1.1"), new("BOTO3_VERSION", "1.34.0"), new KeyValuePair<string, string>("PSYCOPG2_VERSION", "")],
            args.ToArray());
    }

    [Theory]
    [InlineData("1.0\nrequests", "Boto3Version '1.0\\nrequests' is not a PEP 440 public version")]
    [InlineData("1.0; rm -rf /", "Boto3Version '1.0; rm -rf /' is not a PEP 440 public version")]
    [InlineData(">=1.0", "Boto3Version '>=1.0' is not")]
    [InlineData("1.0 ", "Boto3Version '1.0 ' is not")]
    [InlineData("1.0'x", "Boto3Version '1.0\\'x' is not")]
    public void A_bad_Python_version_is_one_line_naming_the_parameter_and_value(string boto3, string expected)
    {
        var error = Assert.Throws<BuildError>(() => MlflowBuildArguments.Validate("ghcr.io/mlflow/mlflow", "v3.1.1", boto3, ""));
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
    }

    [Fact]
    public void Psycopg2Version_is_checked_like_Boto3Version()
    {
        var error = Assert.Throws<BuildError>(() => MlflowBuildArguments.Validate("ghcr.io/mlflow/mlflow", "v3.1.1", "", "2.9\nx"));
        Assert.StartsWith("Psycopg2Version '2.9\\nx' is not a PEP 440 public version", error.Message);
    }

    [Theory]
    [InlineData("", "MlflowVersion is empty; give a tag of the base image, like v3.1.1.")]
    [InlineData(null, "MlflowVersion is empty; give a tag of the base image, like v3.1.1.")]
    [InlineData("v3 --push", "MlflowVersion 'v3 --push' is not a Docker tag")]
    public void A_bad_or_missing_MLflow_tag_names_MlflowVersion(string? version, string expected)
    {
        var error = Assert.Throws<BuildError>(() => MlflowBuildArguments.Validate("ghcr.io/mlflow/mlflow", version, null, null));
        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("", "MlflowImage is empty")]
    [InlineData("ghcr.io/mlflow/mlflow:v3.1.1", "MlflowImage 'ghcr.io/mlflow/mlflow:v3.1.1' names a tag or digest; give the image name only and the tag in MlflowVersion")]
    [InlineData("127.0.0.1:5000/x@sha256:abc", "MlflowImage '127.0.0.1:5000/x@sha256:abc' names a tag or digest")]
    [InlineData("GHCR.io/Mlflow", "MlflowImage 'GHCR.io/Mlflow' is not a Docker image name")]
    public void A_bad_image_names_MlflowImage(string image, string expected)
    {
        var error = Assert.Throws<BuildError>(() => MlflowBuildArguments.Validate(image, "v3.1.1", null, null));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Long_values_are_cut_and_control_characters_escaped()
    {
        Assert.Equal("'a\\u0000b\\u2028'", MlflowBuildArguments.Shown("a\0b\u2028"));
        Assert.Equal("'" + new string('1', 80) + "…'", MlflowBuildArguments.Shown(new string('1', 200)));
    }
}
