using Polly;
using Polly.Retry;
using Tooling;

namespace Docker;

/// <summary>How often and how long to retry a transient registry failure.</summary>
public sealed record RetryOptions(int MaxAttempts = 4, double BaseDelaySeconds = 2, double MaxDelaySeconds = 30)
{
    public static RetryOptions Default { get; } = new();
}

/// <summary>
/// Runs a registry-facing docker command (a push, an index creation) and retries it with bounded exponential
/// backoff (Polly) while it fails transiently. Authentication and bad-request failures end at once with one line;
/// every attempt is logged.
/// </summary>
public sealed class TransientRetry(RetryOptions options)
{
    sealed class TransientFailure(string reason) : Exception(reason);

    public async Task<ToolResult> RunAsync(string what, Func<Task<ToolResult>> attempt)
    {
        var number = 0;
        var pipeline = new ResiliencePipelineBuilder<ToolResult>()
            .AddRetry(new RetryStrategyOptions<ToolResult>
            {
                ShouldHandle = new PredicateBuilder<ToolResult>().Handle<TransientFailure>(),
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
                var result = await attempt();
                if (result.Succeeded) return result;
                var text = result.StandardError + "\n" + result.StandardOutput;
                var reason = RegistryFailure.Reason(text);
                // Only the final error line: a RUN step's own output may well mention a 503 or 'denied'.
                throw RegistryFailure.Classify(reason) switch
                {
                    RegistryFailureKind.Transient => new TransientFailure(reason),
                    RegistryFailureKind.Authentication => new BuildError($"{what} was refused by the registry ({reason}): check RegistryUsername/RegistryPassword and that the account may push there (on GitHub: 'permissions: packages: write'). Not retried."),
                    RegistryFailureKind.BadRequest => new BuildError($"{what} was rejected by the registry ({reason}). Not retried."),
                    _ => new BuildError($"{what} failed: {reason}"),
                };
            });
        }
        catch (TransientFailure failure)
        {
            throw new BuildError($"{what} failed {options.MaxAttempts} times with a transient registry error ({failure.Message}): is the registry up and reachable? Run again later.");
        }
    }
}
