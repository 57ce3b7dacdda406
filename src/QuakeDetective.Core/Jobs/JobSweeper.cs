using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Jobs;

/// <summary>
/// Marks abandoned work interrupted: running rows whose heartbeat is older than the lease (their instance died or lost
/// the database), and — at once — rows an earlier life of this same named instance left running. Rows of live
/// instances, including this one, are never touched. Safe on every instance at the same time (conditional updates).
/// </summary>
public sealed class JobSweeper(
    IDbContextFactory<QuakeDbContext> dbFactory,
    InstanceIdentity identity,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<JobSweeper> logger)
{
    public const string TrainingKind = "training";

    /// <summary>What an interrupted job's row says, by kind (the kinds' own constants live with their services).</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["import"] = "Interrupted: the site stopped before this import finished. Files finished before it are imported; start the import again to add the rest.",
        ["export"] = "The site stopped before this export finished; nothing was kept. Start it again.",
        ["consensus"] = "The site stopped before this job finished; start it again.",
    };

    private const string OtherMessage = "The site stopped before this job finished; start it again.";
    private const string TrainingMessage = "Interrupted: the site stopped before this run finished; the current model kept serving. Start the run again.";

    private long _lastSweep = long.MinValue;

    /// <summary>Sweeps now; returns how many jobs and runs were marked interrupted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastSweep, time.GetTimestamp());
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.Lease;
        var me = identity.Owner;
        var earlierLife = identity.LifePrefix;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        Expression<Func<BackgroundJob, bool>> abandonedJob = j => j.Status == BackgroundJobStatus.Running && j.Owner != me &&
            (j.HeartbeatAt == null || j.HeartbeatAt < cutoff || (earlierLife != null && j.Owner != null && j.Owner.StartsWith(earlierLife)));
        Expression<Func<TrainingRun, bool>> abandonedRun = r => r.Status == TrainingRunStatus.Running && r.Owner != me &&
            (r.HeartbeatAt == null || r.HeartbeatAt < cutoff || (earlierLife != null && r.Owner != null && r.Owner.StartsWith(earlierLife)));

        // Look before writing: an UPDATE takes SQLite's single write lock even when it matches nothing, and votes need it.
        if (!await db.BackgroundJobs.AnyAsync(abandonedJob, cancellationToken) && !await db.TrainingRuns.AnyAsync(abandonedRun, cancellationToken))
        {
            return 0;
        }

        var total = 0;
        foreach (var (kind, message) in Messages)
        {
            total += await db.BackgroundJobs.Where(abandonedJob).Where(j => j.Kind == kind).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, BackgroundJobStatus.Interrupted)
                .SetProperty(j => j.Stage, "interrupted")
                .SetProperty(j => j.Message, message)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        }

        var known = Messages.Keys.ToList();
        total += await db.BackgroundJobs.Where(abandonedJob).Where(j => !known.Contains(j.Kind)).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, BackgroundJobStatus.Interrupted)
            .SetProperty(j => j.Stage, "interrupted")
            .SetProperty(j => j.Message, OtherMessage)
            .SetProperty(j => j.FinishedAt, now), cancellationToken);

        total += await db.TrainingRuns.Where(abandonedRun).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, TrainingRunStatus.Interrupted)
                .SetProperty(r => r.Stage, "interrupted")
                .SetProperty(r => r.Message, TrainingMessage)
                .SetProperty(r => r.FinishedAt, now), cancellationToken);
        if (total > 0)
        {
            logger.LogWarning("Marked {JobCount} abandoned jobs and training runs interrupted (lease {LeaseSeconds} s)", total, options.Value.LeaseSeconds);
        }

        return total;
    }

    /// <summary>Sweeps when the last sweep in this process is older than a heartbeat interval (several workers call this every round).</summary>
    public async Task<int> SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (last != long.MinValue && time.GetElapsedTime(last) < options.Value.Heartbeat)
        {
            return 0;
        }

        return await SweepAsync(cancellationToken);
    }
}
