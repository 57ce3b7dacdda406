using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QuakeDetective.Core.Classifications;

/// <summary>
/// The one vote writer of this process. Votes queue here; a single loop takes everything that queued while the
/// previous batch was being written (up to <see cref="VoteWriterOptions.MaxBatchSize"/>) and hands it to
/// <see cref="VoteBatchWriter"/> as one transaction. Nothing waits for a batch to fill: a lone vote is written at once,
/// and under load the commits (one fsync each) are shared by many votes. Callers hear back after the commit.
/// </summary>
public sealed class VoteWriter : IAsyncDisposable, IDisposable
{
    private readonly Channel<PendingVote> _queue = Channel.CreateUnbounded<PendingVote>(new UnboundedChannelOptions { SingleReader = true });
    private readonly VoteBatchWriter _batches;
    private readonly int _maxBatchSize;
    private readonly ILogger<VoteWriter> _logger;
    private readonly Task _loop;
    private long _batchCount;
    private long _voteCount;

    public VoteWriter(VoteBatchWriter batches, IOptions<VoteWriterOptions> options, ILogger<VoteWriter> logger)
    {
        _batches = batches;
        _maxBatchSize = options.Value.MaxBatchSize;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches written since start (a diagnostic: votes per batch shows how much commits are shared).</summary>
    public long BatchCount => Interlocked.Read(ref _batchCount);

    /// <summary>Votes taken from the queue since start, whatever their outcome.</summary>
    public long VoteCount => Interlocked.Read(ref _voteCount);

    /// <summary>Queues a vote; completes after it was committed (or refused). Cancelling stops the wait, not the write.</summary>
    public Task<SubmitResult> SubmitAsync(ClassificationRequest request, CancellationToken cancellationToken)
    {
        var pending = new PendingVote(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(VoteWriter), "The vote writer has stopped (the site is shutting down).");
        }

        return pending.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingVote>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var vote))
            {
                batch.Add(vote);
            }

            try
            {
                // Not cancellable: a batch that started is finished, also while the site stops (the queue drains first).
                await _batches.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Writing a batch of {VoteCount} votes failed", batch.Count);
                foreach (var vote in batch)
                {
                    vote.Fail(ex);
                }
            }

            foreach (var vote in batch.Where(v => !v.IsCompleted))
            {
                vote.Fail(new InvalidOperationException("The vote was neither stored nor refused."));
            }

            Interlocked.Increment(ref _batchCount);
            Interlocked.Add(ref _voteCount, batch.Count);
            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(30));
    }
}
