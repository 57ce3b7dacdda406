using Microsoft.Extensions.Options;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Jobs;

namespace QuakeDetective.Web.Background;

/// <summary>
/// Re-estimates consensus in the background, never on a request: queued recompute jobs (from the Results page, the API
/// or a gold change, on any instance) run one at a time on whichever instance claims them first. Every
/// <see cref="ConsensusOptions.RecomputeInterval"/> the campaigns whose votes or gold changed since their last
/// Dawid–Skene run get a job of their own — queued by one instance only, the holder of the "consensus-schedule" lease.
/// </summary>
public sealed class ConsensusRecomputeService(
    ConsensusJobs jobs,
    JobCancellations cancellations,
    InstanceLeases leases,
    JobSweeper sweeper,
    IOptions<ConsensusOptions> consensusOptions,
    IOptions<JobOptions> jobOptions,
    TimeProvider time,
    ILogger<ConsensusRecomputeService> logger) : PollingJobWorker(sweeper, jobOptions, logger)
{
    public const string ScheduleLease = "consensus-schedule";

    private DateTimeOffset _nextSchedule = DateTimeOffset.MaxValue;
    private DateTimeOffset _nextLeaseRenewal = DateTimeOffset.MinValue;
    private bool _holdsSchedule;

    protected override string WorkerName => ConsensusJobs.Kind;

    protected override Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken) => jobs.QueuedAsync(cancellationToken);

    protected override async Task RunOneAsync(long id, CancellationToken stoppingToken)
    {
        using var registration = cancellations.Register(id, stoppingToken);
        await jobs.RunAsync(id, registration.Token);
    }

    protected override Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken) => jobs.Signal.WaitAsync(timeout, cancellationToken);

    protected override TimeSpan NextWait()
    {
        var poll = Jobs.Poll;
        if (!_holdsSchedule)
        {
            return poll;
        }

        var untilSchedule = _nextSchedule - time.GetUtcNow();
        return untilSchedule < poll ? untilSchedule : poll;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _nextSchedule = time.GetUtcNow() + consensusOptions.Value.RecomputeInterval;
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            if (_holdsSchedule)
            {
                await ReleaseScheduleAsync();
            }
        }
    }

    protected override async Task BeforeRoundAsync(CancellationToken cancellationToken)
    {
        if (!consensusOptions.Value.ScheduleEnabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now >= _nextLeaseRenewal || (_holdsSchedule && now >= _nextSchedule))
        {
            // Renewed every heartbeat and held for a whole lease: a dead holder's schedule moves to another instance.
            var held = await leases.TryAcquireAsync(ScheduleLease, Jobs.Lease, cancellationToken);
            if (held && !_holdsSchedule)
            {
                Logger.LogInformation("This instance now runs the consensus schedule");
            }

            _holdsSchedule = held;
            _nextLeaseRenewal = now + Jobs.Heartbeat;
        }

        if (_holdsSchedule && now >= _nextSchedule)
        {
            _nextSchedule = now + consensusOptions.Value.RecomputeInterval;
            foreach (var campaignId in await jobs.ScheduledCampaignsAsync(cancellationToken))
            {
                if (await jobs.IsDueAsync(campaignId, cancellationToken))
                {
                    await jobs.EnqueueAsync(campaignId, null, "schedule", cancellationToken);
                }
            }
        }
    }

    private async Task ReleaseScheduleAsync()
    {
        try
        {
            await leases.ReleaseAsync(ScheduleLease, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not release the consensus schedule lease; another instance takes it when it expires");
        }
    }
}
