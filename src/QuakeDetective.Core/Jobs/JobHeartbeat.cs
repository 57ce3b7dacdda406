using Microsoft.Extensions.Logging;

namespace QuakeDetective.Core.Jobs;

/// <summary>
/// Proof of life for one claimed job: writes the row's HeartbeatAt on a timer until disposed, so that other instances
/// can tell a long job from one whose instance died. Dispose it after the final state is written.
/// </summary>
public sealed class JobHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _id;
    private readonly ILogger _logger;

    internal JobHeartbeat(long id, string owner, TimeSpan interval, TimeProvider time, Func<DateTime, CancellationToken, Task<int>> beat, ILogger logger)
    {
        _id = id;
        _logger = logger;
        Owner = owner;
        _loop = BeatAsync(interval, time, beat, _stop.Token);
    }

    /// <summary>The owner written to the row (this instance and life); final writes are conditional on it.</summary>
    public string Owner { get; }

    /// <summary>True once a beat found the row no longer running under this owner (another instance declared it abandoned).</summary>
    public bool Lost { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task BeatAsync(TimeSpan interval, TimeProvider time, Func<DateTime, CancellationToken, Task<int>> beat, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (await beat(time.GetUtcNow().UtcDateTime, cancellationToken) == 0 && !Lost)
                    {
                        Lost = true;
                        _logger.LogWarning("Job {JobId} is no longer running under {Owner}; another instance took it as abandoned", _id, Owner);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed beat is not fatal: the lease allows several.
                    _logger.LogWarning(ex, "Heartbeat of job {JobId} failed", _id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
