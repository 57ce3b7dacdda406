using Microsoft.Extensions.Options;
using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Jobs;

namespace QuakeDetective.Web.Background;

/// <summary>Runs exports started from the Results pages or the API, one at a time, on whichever instance claims them first; progress lives in the job rows.</summary>
public sealed class ExportJobService(
    ExportJobs jobs,
    JobCancellations cancellations,
    JobSweeper sweeper,
    IOptions<JobOptions> options,
    ILogger<ExportJobService> logger) : PollingJobWorker(sweeper, options, logger)
{
    protected override string WorkerName => ExportJobs.Kind;

    protected override Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken) => jobs.QueuedAsync(cancellationToken);

    protected override async Task RunOneAsync(long id, CancellationToken stoppingToken)
    {
        using var registration = cancellations.Register(id, stoppingToken);
        await jobs.RunAsync(id, registration.Token);
    }

    protected override Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken) => jobs.Signal.WaitAsync(timeout, cancellationToken);
}
