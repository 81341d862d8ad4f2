using System.Net;
using Octokit;
using Polly;
using Polly.Retry;

namespace Prune;

/// <summary>
/// GitHub API calls with Polly: 5xx, 429 and rate-limit answers are retried after the wait GitHub names
/// (<c>Retry-After</c>, else <c>x-ratelimit-reset</c>), other transient faults with exponential backoff. A wait
/// beyond the remaining budget, or too many attempts, ends in <see cref="ApiBudgetExhausted"/>: a clean stop.
/// </summary>
internal sealed class ApiRetry(int maxAttempts = 5, TimeSpan? waitBudget = null, TimeProvider? time = null)
{
    readonly TimeProvider clock = time ?? TimeProvider.System;
    TimeSpan remaining = waitBudget ?? TimeSpan.FromMinutes(10);

    public async Task<T> RunAsync<T>(string what, Func<Task<T>> call, CancellationToken cancel = default)
    {
        TimeSpan? refusedWait = null;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, maxAttempts - 1), // Polly wants at least one; the check below enforces maxAttempts
                ShouldHandle = args =>
                {
                    if (args.Outcome.Exception is not { } e || cancel.IsCancellationRequested || !IsTransient(e) || args.AttemptNumber >= maxAttempts - 1) return ValueTask.FromResult(false);
                    var wait = Wait(e, args.AttemptNumber);
                    if (wait > remaining) { refusedWait = wait; return ValueTask.FromResult(false); }
                    return ValueTask.FromResult(true);
                },
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Wait(args.Outcome.Exception!, args.AttemptNumber)),
                OnRetry = args =>
                {
                    remaining -= args.RetryDelay;
                    Log.Warning($"{what}: {Describe(args.Outcome.Exception!)}; retrying in {args.RetryDelay.TotalSeconds:0.#} s (attempt {args.AttemptNumber + 2}/{maxAttempts})");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async _ => await call().WaitAsync(cancel), cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested && IsUnreachable(e))
        {
            // No network or no such host: another attempt in a few seconds cannot help; say so at once.
            throw new ApiBudgetExhausted($"{what}: {Describe(e)} (no answer at all: check the network and GITHUB_API_URL)", retry: false);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested && IsTransient(e))
        {
            throw new ApiBudgetExhausted(refusedWait is { } wait
                ? $"{what}: GitHub asks to wait {wait.TotalSeconds:0} s ({Describe(e)}), more than the {remaining.TotalSeconds:0} s left of the wait budget"
                : $"{what}: still failing after {maxAttempts} attempts ({Describe(e)})");
        }
    }

    public Task RunAsync(string what, Func<Task> call, CancellationToken cancel = default) => RunAsync(what, async () => { await call(); return true; }, cancel);

    /// <summary>The name does not resolve, or nothing listens: the API is not there (as opposed to busy).</summary>
    static bool IsUnreachable(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError }
        || e.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError };

    static bool IsTransient(Exception e) => !IsUnreachable(e) && e switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException => true,
        ApiException api => (int)api.StatusCode == 429 || (int)api.StatusCode >= 500,
        HttpRequestException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    TimeSpan Wait(Exception e, int attempt)
    {
        var headers = (e as ApiException)?.HttpResponse?.Headers;
        string? Header(string name) => headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        if (Header("Retry-After") is { } after && int.TryParse(after, out var seconds)) return TimeSpan.FromSeconds(Math.Max(0, seconds));
        // GitHub: once x-ratelimit-remaining is 0, wait until x-ratelimit-reset (epoch seconds).
        if (Header("x-ratelimit-remaining") == "0" && long.TryParse(Header("x-ratelimit-reset"), out var reset))
            return TimeSpan.FromSeconds(Math.Max(1, reset - clock.GetUtcNow().ToUnixTimeSeconds()));
        if (e is RateLimitExceededException limit) return limit.GetRetryAfterTimeSpan();
        return TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt)));
    }

    public static string Describe(Exception e) => e switch
    {
        ApiException api => $"{(int)api.StatusCode} {api.Message.Split('\n')[0]}",
        _ => e.Message.Split('\n')[0],
    };
}

/// <summary>
/// The API's limits (or persistent faults) stopped the run; what was done so far stays done. <see cref="Retry"/>:
/// whether running again later may help (false: the API could not be reached at all).
/// </summary>
internal sealed class ApiBudgetExhausted(string message, bool retry = true) : Exception(message)
{
    public bool Retry { get; } = retry;
}
