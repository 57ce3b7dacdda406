namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>
/// Calls a refresh while a page shows unfinished jobs, so that their progress moves without a reload; stops by
/// itself when nothing runs and when the component goes away. Polling (rather than in-process events) also shows
/// jobs run by another instance of the site.
/// </summary>
public sealed class JobPolling(Func<Task<bool>> refresh) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Starts polling unless it already runs; <c>refresh</c> returns true while there is still something running.</summary>
    public void Ensure()
    {
        if (_loop is { IsCompleted: false } || _stop.IsCancellationRequested)
        {
            return;
        }

        _loop = RunAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await refresh())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
