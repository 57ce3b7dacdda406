namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// Where to cut windows in a <see cref="ComponentSet"/>: back to back or overlapping windows of a fixed length from the
/// first vertical sample (as ObsPy's Stream.slide), or one window per catalogue event starting at the estimated
/// surface-wave arrival, origin + epicentral distance / group velocity (the original project used 4.5 km/s and 2000 s).
/// Window starts fall on the data's sample grid so that stored windows keep exact sample times.
/// </summary>
public static class WindowPlanner
{
    /// <summary>Full windows of <paramref name="lengthSeconds"/> every <paramref name="stepSeconds"/> from the first vertical sample to the end of the data.</summary>
    public static IReadOnlyList<WindowSpec> Fixed(ComponentSet set, double lengthSeconds, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(set);
        var count = SampleCount(set, lengthSeconds);
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "The step between windows must be a positive number of seconds.");
        }

        var first = set.StartNs;
        var end = set.EndNs;
        var halfPeriod = set.PeriodNs / 2;
        var lengthNs = (long)Math.Round(count * 1e9 / set.SampleRate);
        var stepSamples = Math.Max(1L, (long)Math.Round(stepSeconds * set.SampleRate));
        var windows = new List<WindowSpec>();
        for (long k = 0; ; k++)
        {
            var start = Snap(set, first + (long)Math.Round(k * stepSamples * 1e9 / set.SampleRate));
            if (start + lengthNs > end + halfPeriod)
            {
                break;
            }

            windows.Add(new WindowSpec(start, count, set.SampleRate));
        }

        return windows;
    }

    /// <summary>
    /// One window per event, starting at origin + distance / <paramref name="velocityKmPerS"/>; events whose window
    /// does not overlap the vertical data at all are only counted.
    /// </summary>
    public static EventWindowPlan ForEvents(ComponentSet set, IEnumerable<SeismicEvent> events, double stationLatitude, double stationLongitude,
        double velocityKmPerS, double lengthSeconds)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(events);
        if (!(velocityKmPerS > 0) || !double.IsFinite(velocityKmPerS))
        {
            throw new ArgumentOutOfRangeException(nameof(velocityKmPerS), velocityKmPerS, "The surface-wave velocity must be a positive number of km/s.");
        }

        var count = SampleCount(set, lengthSeconds);
        var lengthNs = (long)Math.Round(count * 1e9 / set.SampleRate);
        var dataStart = set.StartNs;
        var dataEnd = set.EndNs;
        var windows = new List<WindowSpec>();
        var outside = 0;
        foreach (var e in events)
        {
            var distance = GreatCircle.DistanceKm(e.Latitude, e.Longitude, stationLatitude, stationLongitude);
            var arrival = e.OriginTimeNs + (long)Math.Round(distance / velocityKmPerS * 1e9);
            if (arrival >= dataEnd || arrival + lengthNs <= dataStart)
            {
                outside++;
                continue;
            }

            windows.Add(new WindowSpec(Snap(set, arrival), count, set.SampleRate) { Event = e, DistanceKm = distance });
        }

        return new EventWindowPlan(windows, outside);
    }

    /// <summary>Moves a time to the nearest sample of the vertical segment that holds it (or the nearest segment).</summary>
    public static long Snap(ComponentSet set, long timeNs)
    {
        ArgumentNullException.ThrowIfNull(set);
        var segment = set.Vertical[0];
        var best = long.MaxValue;
        foreach (var s in set.Vertical)
        {
            var distance = timeNs < s.StartTimeNs ? s.StartTimeNs - timeNs : timeNs > s.EndTimeNs ? timeNs - s.EndTimeNs : 0;
            if (distance < best)
            {
                best = distance;
                segment = s;
            }
        }

        var samples = Math.Round((timeNs - segment.StartTimeNs) * set.SampleRate / 1e9);
        return segment.StartTimeNs + (long)Math.Round(samples * 1e9 / set.SampleRate);
    }

    private static int SampleCount(ComponentSet set, double lengthSeconds)
    {
        if (!(lengthSeconds > 0) || !double.IsFinite(lengthSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(lengthSeconds), lengthSeconds, "The window length must be a positive number of seconds.");
        }

        var count = Math.Round(lengthSeconds * set.SampleRate);
        if (count < 2 || count > int.MaxValue / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthSeconds), lengthSeconds,
                $"A {lengthSeconds} s window at {set.SampleRate} Hz holds {count} samples; windows need from 2 to {int.MaxValue / 2} samples.");
        }

        return (int)count;
    }
}
