using Microsoft.Extensions.Options;
using QuakeDetective.Core.Consensus.Store;

namespace QuakeDetective.Web.Background;

/// <summary>
/// Re-estimates consensus in the background, never on a request: queued recompute jobs (from the Results page,
/// the API or a gold change) run one at a time; every <see cref="ConsensusOptions.RecomputeInterval"/> the campaigns
/// whose votes or gold changed since their last Dawid–Skene run get a job of their own. Progress lives in the job rows.
/// </summary>
public sealed class ConsensusRecomputeService(
    ConsensusJobs jobs,
    JobCancellations cancellations,
    IOptions<ConsensusOptions> options,
    TimeProvider time,
    ILogger<ConsensusRecomputeService> logger) : BackgroundService
{
    /// <summary>Queued jobs from another process (the CLI, another instance) are noticed within this time.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var interrupted = await jobs.MarkInterruptedAsync(stoppingToken);
            if (interrupted > 0)
            {
                logger.LogWarning("Marked {JobCount} consensus jobs interrupted by a restart", interrupted);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not mark interrupted consensus jobs at start-up");
        }

        var nextSchedule = time.GetUtcNow() + options.Value.RecomputeInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (options.Value.ScheduleEnabled && time.GetUtcNow() >= nextSchedule)
                {
                    nextSchedule = time.GetUtcNow() + options.Value.RecomputeInterval;
                    await ScheduleDueAsync(stoppingToken);
                }

                foreach (var jobId in await jobs.QueuedAsync(stoppingToken))
                {
                    using var registration = cancellations.Register(jobId, stoppingToken);
                    await jobs.RunAsync(jobId, registration.Token);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad round (database briefly unavailable) must not end the service.
                logger.LogError(ex, "Consensus background round failed");
            }

            try
            {
                var wait = options.Value.ScheduleEnabled ? Min(PollInterval, nextSchedule - time.GetUtcNow()) : PollInterval;
                await jobs.Signal.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ScheduleDueAsync(CancellationToken cancellationToken)
    {
        foreach (var campaignId in await jobs.ScheduledCampaignsAsync(cancellationToken))
        {
            if (await jobs.IsDueAsync(campaignId, cancellationToken))
            {
                await jobs.EnqueueAsync(campaignId, null, "schedule", cancellationToken);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
