using System.Collections.Concurrent;

namespace QuakeDetective.Core.Privacy;

/// <summary>
/// Accounts erased by this process recently, so that their other signed-in sessions (another browser or device) are
/// signed out on their next request instead of acting for an account that no longer exists. Other instances rely on
/// Identity's security-stamp check, which notices the missing account within its validation interval.
/// </summary>
public sealed class ErasedAccounts(TimeProvider time)
{
    /// <summary>Longer than the security-stamp validation interval, after which sessions are rejected anyway.</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _erased = new(StringComparer.Ordinal);

    public void Add(string userId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in _erased)
        {
            if (now - at > Keep)
            {
                _erased.TryRemove(id, out _);
            }
        }

        _erased[userId] = now;
    }

    public bool Contains(string userId) => _erased.ContainsKey(userId);
}
