using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>
/// One shared per-address vote limiter per client address. Limiters that have been idle (all permits back) for longer
/// than the idle lifetime (two minutes on the site) are dropped, at most once per minute, so that a public site seeing millions of
/// addresses keeps only the recently active ones in memory. A dropped address starts again with a full window, which is
/// what its idle limiter held anyway.
/// </summary>
public sealed class AddressLimiters(TimeProvider time, TimeSpan idleLifetime)
{
    public static readonly TimeSpan DefaultIdleLifetime = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new();
    private long _lastSweep = time.GetTimestamp();

    /// <summary>How many addresses are held now.</summary>
    public int Count => _limiters.Count;

    public RateLimiter For(string address, int permitsPerMinute)
    {
        SweepIfDue();
        return _limiters.GetOrAdd(address, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    private void SweepIfDue()
    {
        var last = Interlocked.Read(ref _lastSweep);
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(last, now) < SweepInterval || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (address, limiter) in _limiters)
        {
            // Not disposed: a per-volunteer chain may still hold it for a moment; the collector takes it after.
            if (limiter.IdleDuration is { } idle && idle > idleLifetime)
            {
                _limiters.TryRemove(new KeyValuePair<string, RateLimiter>(address, limiter));
            }
        }
    }
}
