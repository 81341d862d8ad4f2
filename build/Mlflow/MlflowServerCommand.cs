using System.Globalization;
using System.Text.RegularExpressions;

namespace Mlflow;

/// <summary>
/// The `mlflow server` line that fits an MLflow version. From 3.5.0 the server's security middleware rejects a
/// Host header that is not localhost or a private IP unless `--allowed-hosts` names it (MLflow's "Tracking
/// Server Security" page; env MLFLOW_SERVER_ALLOWED_HOSTS), so a compose service reached by name needs it.
/// </summary>
internal static partial class MlflowServerCommand
{
    public static readonly (int Major, int Minor) HostCheckSince = (3, 5);

    /// <summary>True for 3.5.0 and later, their candidates included; unknown tags (latest) count as new.</summary>
    public static bool ChecksHostHeader(string mlflowVersion) =>
        LeadingMinor().Match(mlflowVersion) is not { Success: true } match
        || (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)).CompareTo(HostCheckSince) >= 0;

    /// <summary>The compose `command:`; <paramref name="hosts"/> are the names clients use to reach the server.</summary>
    public static string For(string mlflowVersion, string hosts = "localhost:5000,mlflow:5000") =>
        "mlflow server --host 0.0.0.0 --port 5000" + (ChecksHostHeader(mlflowVersion) ? $" --allowed-hosts \"{hosts}\"" : "");

    public const string HostNote =
        "MLflow 3.5+ answers only Host headers it knows (localhost and private IPs by default): list in --allowed-hosts "
        + "(or MLFLOW_SERVER_ALLOWED_HOSTS) every name:port clients use, e.g. the compose service name.";

    [GeneratedRegex(@"\Av?([0-9]{1,6})\.([0-9]{1,6})(?:[^0-9]|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMinor();
}
