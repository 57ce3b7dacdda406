using QuakeDetective.Core.Exports;

namespace QuakeDetective.Web.Background;

/// <summary>Runs exports started from the Results pages, one at a time, in the background; progress lives in the job rows.</summary>
public sealed class ExportJobService(ExportJobs jobs, JobCancellations cancellations, ILogger<ExportJobService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await jobs.MarkInterruptedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not mark interrupted export jobs at start-up");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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
                logger.LogError(ex, "Export background round failed");
            }

            try
            {
                await jobs.Signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
