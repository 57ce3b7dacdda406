using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QuakeDetective.Core.Jobs;

/// <summary>
/// The shape every background worker shares: at start-up, sweep abandoned jobs; then, round after round, list the
/// queued rows, run each one (claiming it with a conditional update inside <see cref="RunOneAsync"/>, so that of
/// several instances exactly one runs it), and wait for a signal from this process or the poll interval, because jobs
/// queued by other instances send no signal here. One bad job or round is logged, never the end of the service.
/// </summary>
public abstract class PollingJobWorker(JobSweeper sweeper, IOptions<JobOptions> options, ILogger logger) : BackgroundService
{
    /// <summary>For logs: "export", "consensus", ...</summary>
    protected abstract string WorkerName { get; }

    protected JobOptions Jobs => options.Value;

    protected JobSweeper Sweeper => sweeper;

    protected ILogger Logger => logger;

    /// <summary>Queued ids, oldest first.</summary>
    protected abstract Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken);

    /// <summary>Claims and runs one job; returns quietly when another instance (or a cancel) got there first.</summary>
    protected abstract Task RunOneAsync(long id, CancellationToken stoppingToken);

    /// <summary>Waits for "something was queued in this process" or the timeout.</summary>
    protected abstract Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Work at the start of each round (a schedule); nothing by default.</summary>
    protected virtual Task BeforeRoundAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The longest wait before the next round; the poll interval by default.</summary>
    protected virtual TimeSpan NextWait() => Jobs.Poll;

    /// <summary>Start-up recovery: abandoned rows become Interrupted (queued ones are simply picked up by the loop).</summary>
    protected virtual Task RecoverCoreAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await RecoverLoggedAsync(stoppingToken);
        await RunQueueAsync(stoppingToken);
    }

    protected async Task RecoverLoggedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverCoreAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not recover {Worker} jobs at start-up", WorkerName);
        }
    }

    protected async Task RunQueueAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await BeforeRoundAsync(stoppingToken);
                await sweeper.SweepIfDueAsync(stoppingToken);
                foreach (var id in await QueuedAsync(stoppingToken))
                {
                    stoppingToken.ThrowIfCancellationRequested();
                    try
                    {
                        await RunOneAsync(id, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(ex, "{Worker} job {JobId} failed unexpectedly", WorkerName, id);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad round (database briefly unavailable) must not end the service.
                logger.LogError(ex, "{Worker} background round failed", WorkerName);
            }

            try
            {
                var wait = NextWait();
                await WaitForSignalAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
