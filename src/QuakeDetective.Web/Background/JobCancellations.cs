using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Web.Background;

/// <summary>Cancels consensus and export jobs: a running one through its token in this process, a queued one in its row.</summary>
public sealed class JobCancellations(IDbContextFactory<QuakeDbContext> dbFactory, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    /// <summary>A token for a job about to run, cancelled with <paramref name="stopping"/> or <see cref="CancelAsync"/>; dispose the registration after the run.</summary>
    public Registration Register(long jobId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[jobId] = source;
        return new Registration(this, jobId, source);
    }

    /// <summary>True when the job was running here or still queued.</summary>
    public async Task<bool> CancelAsync(long jobId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(jobId, out var source))
        {
            await source.CancelAsync();
            return true;
        }

        return await BackgroundJobRows.CancelQueuedAsync(dbFactory, jobId, time.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>Keeps a running job's token registered until disposed.</summary>
    public sealed class Registration(JobCancellations owner, long jobId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            owner._running.TryRemove(jobId, out _);
            source.Dispose();
        }
    }
}
