using QuakeDetective.Seismic;

namespace QuakeDetective.Learning.Features;

/// <summary>Cuts the same time window out of every trace of a recording (offset from the earliest start, then a length).</summary>
public static class WindowCutter
{
    /// <param name="offsetSeconds">Start of the window after the recording's earliest sample (default 0).</param>
    /// <param name="windowSeconds">Length of the window; null = to the end.</param>
    /// <exception cref="ArgumentException">The window lies outside the recording.</exception>
    public static IReadOnlyList<Trace> Cut(IReadOnlyList<Trace> traces, double? windowSeconds, double? offsetSeconds)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0 || (windowSeconds is null && offsetSeconds is null))
        {
            return traces;
        }

        var origin = traces.Min(t => t.StartTimeNs);
        var startNs = origin + (long)Math.Round((offsetSeconds ?? 0) * 1e9);
        var endNs = windowSeconds is { } w ? startNs + (long)Math.Round(w * 1e9) : long.MaxValue;
        var cut = new List<Trace>(traces.Count);
        foreach (var trace in traces)
        {
            var first = (int)Math.Max(0, Math.Ceiling((startNs - trace.StartTimeNs) * 1e-9 * trace.SampleRate - 1e-6));
            var last = endNs == long.MaxValue ? trace.Count : (int)Math.Min(trace.Count, Math.Ceiling((endNs - trace.StartTimeNs) * 1e-9 * trace.SampleRate - 1e-6));
            if (last - first < 2)
            {
                continue;
            }

            var startOfCut = trace.StartTimeNs + (long)Math.Round(first * 1e9 / trace.SampleRate);
            cut.Add(new Trace(trace.Id, startOfCut, trace.SampleRate, trace.Samples[first..last]));
        }

        if (cut.Count == 0)
        {
            var duration = (traces.Max(t => t.EndTimeNs) - origin) / 1e9;
            throw new ArgumentException(FormattableString.Invariant(
                $"the window {offsetSeconds ?? 0:0.###} s + {windowSeconds?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "rest"} s lies outside the recording ({duration:0.###} s long)."));
        }

        return cut;
    }

    /// <summary>The traces of the first station in the recording (a subject is one station).</summary>
    public static IReadOnlyList<Trace> FirstStation(IReadOnlyList<Trace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0)
        {
            return traces;
        }

        var station = traces[0].Id.StationKey;
        return traces.Where(t => t.Id.StationKey == station).ToList();
    }
}
