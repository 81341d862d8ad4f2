using Polly;
using Polly.Retry;
using Tooling;

namespace Registry;

/// <summary>How often and how long to retry a transient registry failure.</summary>
internal sealed record RetryOptions(int MaxAttempts = 4, double BaseDelaySeconds = 2, double MaxDelaySeconds = 30)
{
    public static RetryOptions Default { get; } = new();
}

/// <summary>
/// Runs a registry-facing docker command (a push, an index creation) and retries it with bounded exponential
/// backoff (Polly) while it fails transiently. Authentication and bad-request failures end at once with one line;
/// every attempt is logged.
/// </summary>
internal sealed class TransientRetry(RetryOptions options)
{
    sealed class TransientFailure(string reason) : Exception(reason);

    public Task<ToolResult> RunAsync(string what, Func<Task<ToolResult>> attempt) => RetryAsync(what, async () =>
    {
        var result = await attempt();
        if (result.Succeeded) return result;
        // Error output last: buildx writes its progress there and ends with "ERROR: ...", docker push writes its
        // progress to stdout and the error to stderr; either way the last line says what failed.
        var text = result.StandardOutput + "\n" + result.StandardError;
        var reason = RegistryFailure.Reason(text);
        // Only the final error line: a RUN step's own output may well mention a 503 or 'denied'.
        throw Failure(what, RegistryFailure.Classify(reason), reason);
    });

    /// <summary>
    /// One registry API call: 5xx, 429, a timeout or a dropped connection are retried; 401/403 and other 4xx end it
    /// (the call signals a status with <see cref="HttpResponseMessage.EnsureSuccessStatusCode"/>).
    /// </summary>
    public Task<T> RunHttpAsync<T>(string what, Func<Task<T>> call) => RetryAsync(what, async () =>
    {
        try { return await call(); }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            throw Failure(what, (int)status switch
            {
                401 or 403 => RegistryFailureKind.Authentication,
                >= 500 or 429 or 408 => RegistryFailureKind.Transient,
                _ => RegistryFailureKind.BadRequest,
            }, $"{(int)status} {status}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new TransientFailure(e is TaskCanceledException ? "timed out" : e.Message);
        }
    });

    static Exception Failure(string what, RegistryFailureKind kind, string reason) => kind switch
    {
        RegistryFailureKind.Transient => new TransientFailure(reason),
        RegistryFailureKind.Authentication => new BuildError($"{what} was refused by the registry ({reason}): check RegistryUsername/RegistryPassword and that the account may push there (on GitHub: 'permissions: packages: write'). Not retried."),
        RegistryFailureKind.BadRequest => new BuildError($"{what} was rejected by the registry ({reason}). Not retried."),
        _ => new BuildError($"{what} failed: {reason}"),
    };

    async Task<T> RetryAsync<T>(string what, Func<Task<T>> attempt)
    {
        var number = 0;
        var pipeline = new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = new PredicateBuilder<T>().Handle<TransientFailure>(),
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.BaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(options.MaxDelaySeconds),
                OnRetry = args =>
                {
                    Log.Warning($"{what}: attempt {args.AttemptNumber + 1}/{options.MaxAttempts} failed ({args.Outcome.Exception?.Message}); retrying in {args.RetryDelay.TotalSeconds:0.0} s");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async _ =>
            {
                number++;
                if (number > 1) Log.Information($"{what}: attempt {number}/{options.MaxAttempts}");
                return await attempt();
            });
        }
        catch (TransientFailure failure)
        {
            throw new BuildError($"{what} failed {options.MaxAttempts} times with a transient registry error ({failure.Message}): is the registry up and reachable? Run again later.");
        }
    }
}
