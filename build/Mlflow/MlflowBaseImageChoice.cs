using Registry;

namespace Mlflow;

/// <summary>
/// Which base image a build uses: <c>--mlflow-image</c> (default ghcr.io/mlflow/mlflow) unless it was left at its
/// default, the build is local (no push, not CI), its registry does not answer, and a fallback is configured
/// (<c>MlflowImageFallback</c> in .nuke/parameters.json: the stand-in .ci/stack pushes). A push never builds on the
/// fallback: an image published from a stand-in would be broken.
/// </summary>
internal static class MlflowBaseImageChoice
{
    public sealed record Choice(string Image, string? Note);

    /// <param name="answers">Whether the registry of an image answers at all (any HTTP status counts).</param>
    public static async Task<Choice> DecideAsync(string image, bool imageGiven, string? fallback, bool localBuild, Func<ImageReference, Task<bool>> answers)
    {
        if (imageGiven || !localBuild || string.IsNullOrWhiteSpace(fallback)) return new(image, null);
        var registry = ImageReference.Parse(image);
        if (await answers(registry)) return new(image, null);
        var stand = ImageReference.Parse(fallback);
        if (!await answers(stand))
            throw new BuildError($"Neither {registry.Registry} (the base {image}) nor {stand.Registry} (the fallback {fallback}) answers: "
                + "run bash .ci/stack for the offline stand-in, or pass --mlflow-image.");
        return new(fallback, $"{registry.Registry} does not answer: building from the fallback base {fallback} (MlflowImageFallback; --mlflow-image chooses another)");
    }

    /// <summary>GET /v2/ of the image's registry within a few seconds; an offline machine fails at once on DNS.</summary>
    public static async Task<bool> RegistryAnswersAsync(ImageReference image)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri(image.BaseUri, "v2/"));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }
}
