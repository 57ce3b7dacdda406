namespace QuakeDetective.Core.Consensus.Store;

/// <summary>Wakes a background runner when a job row was queued in this process (other processes are found by polling).</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Set() => _signal.Release();

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
