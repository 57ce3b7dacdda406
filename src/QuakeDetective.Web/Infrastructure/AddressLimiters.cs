using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>One shared per-address vote limiter per client address, for the lifetime of the app.</summary>
public sealed class AddressLimiters
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new();

    public RateLimiter For(string address, int permitsPerMinute) =>
        _limiters.GetOrAdd(address, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
