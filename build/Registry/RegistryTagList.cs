using System.Net;
using System.Text.Json;

namespace Registry;

/// <summary>
/// Every tag of a repository (<see cref="RegistryApi.TagsAsync"/>: Link pages; Basic with docker's stored login, or a
/// Bearer challenge answered by the realm's token, anonymous without a login, which is how ghcr.io serves public
/// images), with every failure turned into a <see cref="BuildError"/> of one line for a target that needs the list.
/// </summary>
internal static class RegistryTagList
{
    public static async Task<IReadOnlyList<string>> ListAsync(RegistryApi api, ImageReference repository, int pageSize = 1000)
    {
        try { return await api.TagsAsync(pageSize); }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            var code = $"{(int)status} {status}";
            throw new BuildError(status switch
            {
                // After RegistryApi's one answer to the challenge: the token (or login) it got, if any, was not accepted.
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    $"{repository.Registry} refused to list the tags of {repository} ({code}): neither an anonymous token nor docker's login for it was accepted; for a private image run 'docker login {repository.Registry}'.",
                _ => $"{repository.Registry} failed to list the tags of {repository} ({code}).",
            });
        }
        catch (HttpRequestException e)
        {
            throw new BuildError($"Cannot reach the registry {repository.Registry} to list the tags of {repository} ({e.Message.Split('\n')[0]}); check the image name and the network.");
        }
        catch (TaskCanceledException)
        {
            throw new BuildError($"The registry {repository.Registry} did not answer in time while listing the tags of {repository}.");
        }
        catch (RegistryPagingException e) { throw new BuildError(e.Message); }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new BuildError($"{repository.Registry} answered the tag list of {repository} with something that is not a tag list.");
        }
    }
}
