using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Writes a job's stage and percent to its row at most every <see cref="Interval"/> (and on every stage change),
/// so that progress is visible without a database write per row processed. Writes are fire-and-forget but ordered.
/// </summary>
public sealed class ThrottledJobProgress(IDbContextFactory<QuakeDbContext> dbFactory, long jobId, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Task _last = Task.CompletedTask;
    private long _lastWrite;
    private string? _lastStage;

    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(400);

    public void Report(string stage, double percent)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (stage == _lastStage && time.GetElapsedTime(_lastWrite, now) < Interval)
            {
                return;
            }

            _lastStage = stage;
            _lastWrite = now;
            _last = _last.ContinueWith(
                _ => BackgroundJobRows.ProgressAsync(dbFactory, jobId, stage, percent, CancellationToken.None),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits for the writes already started (call before the final state is written).</summary>
    public async Task FlushAsync()
    {
        Task last;
        lock (_gate)
        {
            last = _last;
        }

        try
        {
            await last;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            // Progress is best effort; the final state is written separately.
        }
    }
}
