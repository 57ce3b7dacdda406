using System.Diagnostics;

namespace QuakeDetective.Benchmarks.Exports;

/// <summary>Samples the managed heap and the working set while an action runs, to show whether memory grows with the data.</summary>
internal sealed class MemoryWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly long _allocatedAtStart;
    private long _peakHeap;
    private long _peakWorkingSet;
    private bool _stopped;

    private MemoryWatch()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        _sampler = Task.Run(SampleAsync);
    }

    public long BaselineHeap { get; }

    /// <summary>Highest managed heap seen above the baseline, in bytes.</summary>
    public long PeakHeapGrowth => Math.Max(0, Interlocked.Read(ref _peakHeap) - BaselineHeap);

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long Allocated { get; private set; }

    public static MemoryWatch Start() => new();

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            var heap = GC.GetTotalMemory(false);
            process.Refresh();
            if (heap > Interlocked.Read(ref _peakHeap))
            {
                Interlocked.Exchange(ref _peakHeap, heap);
            }

            if (process.WorkingSet64 > Interlocked.Read(ref _peakWorkingSet))
            {
                Interlocked.Exchange(ref _peakWorkingSet, process.WorkingSet64);
            }

            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
