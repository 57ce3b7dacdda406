namespace QuakeDetective.Core.Queue;

/// <summary>
/// Which subjects were handed to which volunteers in the last few minutes (in memory, per process). The queue uses it
/// so that twenty volunteers arriving together do not all get the one subject that needs a single last vote.
/// </summary>
public sealed class QueueReservations(TimeProvider time)
{
    /// <summary>How long a handed-out subject counts as "being answered".</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const int SweepEvery = 256;

    private readonly Dictionary<long, Dictionary<long, long>> _bySubject = [];
    private readonly Lock _gate = new();
    private int _operations;

    /// <summary>Records that <paramref name="volunteerId"/> was shown <paramref name="subjectId"/> now.</summary>
    public void Reserve(long subjectId, long volunteerId)
    {
        var expires = time.GetTimestamp() + (long)(Lifetime.TotalSeconds * time.TimestampFrequency);
        lock (_gate)
        {
            if (!_bySubject.TryGetValue(subjectId, out var holders))
            {
                holders = [];
                _bySubject[subjectId] = holders;
            }

            holders[volunteerId] = expires;
            SweepNow();
        }
    }

    /// <summary>Forgets a reservation once the volunteer answered (or left).</summary>
    public void Release(long subjectId, long volunteerId)
    {
        lock (_gate)
        {
            if (_bySubject.TryGetValue(subjectId, out var holders) && holders.Remove(volunteerId) && holders.Count == 0)
            {
                _bySubject.Remove(subjectId);
            }
        }
    }

    /// <summary>How many volunteers other than <paramref name="volunteerId"/> currently hold <paramref name="subjectId"/>.</summary>
    public int CountOthers(long subjectId, long volunteerId)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_bySubject.TryGetValue(subjectId, out var holders))
            {
                return 0;
            }

            var count = 0;
            foreach (var (holder, expires) in holders)
            {
                if (holder != volunteerId && expires > now)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Number of subjects with a live or expired-but-unswept reservation (for tests and diagnostics).</summary>
    public int TrackedSubjects
    {
        get
        {
            lock (_gate)
            {
                return _bySubject.Count;
            }
        }
    }

    private void SweepNow()
    {
        if (++_operations % SweepEvery != 0)
        {
            return;
        }

        var now = time.GetTimestamp();
        var emptied = new List<long>();
        foreach (var (subjectId, holders) in _bySubject)
        {
            foreach (var expired in holders.Where(h => h.Value <= now).Select(h => h.Key).ToList())
            {
                holders.Remove(expired);
            }

            if (holders.Count == 0)
            {
                emptied.Add(subjectId);
            }
        }

        foreach (var subjectId in emptied)
        {
            _bySubject.Remove(subjectId);
        }
    }
}
