using System.Globalization;

namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// Cuts a <see cref="WindowSpec"/> out of a <see cref="ComponentSet"/>. Samples of every segment are placed on the
/// window's grid (to the nearest sample); whatever no segment covers is a gap. A window whose vertical covers less than
/// the minimum fraction is skipped with the reason; a horizontal below it is left out of the window.
/// </summary>
public static class WindowCutter
{
    public const double DefaultMinCoverage = 0.9;

    public static WindowCut Cut(ComponentSet set, WindowSpec window, double minCoverage = DefaultMinCoverage)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(window);
        if (!(minCoverage is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minCoverage), minCoverage, "The minimum coverage is a fraction from 0 to 1.");
        }

        var notes = new List<string>();
        var traces = new List<Trace>(3);
        var verticalCoverage = 0.0;
        var components = set.Components;
        for (var c = 0; c < components.Count; c++)
        {
            var segments = components[c];
            var samples = Extract(segments, window, out var covered);
            var coverage = (double)covered / window.SampleCount;
            var channel = segments[0].Id.Channel;
            if (c == 0)
            {
                verticalCoverage = coverage;
                if (coverage < minCoverage || covered == 0)
                {
                    var reason = covered == 0
                        ? $"no {channel} data in the window"
                        : $"only {Percent(coverage)} of the window has {channel} data (at least {Percent(minCoverage)} needed)";
                    return new WindowCut(window, [], coverage, reason, notes);
                }
            }
            else if (coverage < minCoverage || covered == 0)
            {
                notes.Add($"{channel} left out: {Percent(coverage)} of the window has data");
                continue;
            }

            FillGaps(samples, covered);
            traces.Add(new Trace(segments[0].Id, window.StartNs, set.SampleRate, samples));
        }

        return new WindowCut(window, traces, verticalCoverage, null, notes);
    }

    /// <summary>The window's samples from the segments; NaN where no segment has data.</summary>
    private static double[] Extract(IReadOnlyList<Trace> segments, WindowSpec window, out int covered)
    {
        var n = window.SampleCount;
        var result = new double[n];
        result.AsSpan().Fill(double.NaN);
        var rate = window.SampleRate;
        foreach (var segment in segments)
        {
            if (segment.EndTimeNs < window.StartNs || segment.StartTimeNs >= window.EndNs)
            {
                continue;
            }

            // Index of the segment's first sample on the window's grid.
            var offset = (long)Math.Round((segment.StartTimeNs - window.StartNs) * rate / 1e9);
            var from = Math.Max(0L, -offset);
            var to = Math.Min(segment.Count, n - offset);
            if (to > from)
            {
                segment.Samples.AsSpan((int)from, (int)(to - from)).CopyTo(result.AsSpan((int)(offset + from)));
            }
        }

        covered = 0;
        foreach (var v in result)
        {
            if (!double.IsNaN(v))
            {
                covered++;
            }
        }

        return result;
    }

    private static void FillGaps(double[] samples, int covered)
    {
        if (covered == samples.Length)
        {
            return;
        }

        var sum = 0.0;
        foreach (var v in samples)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
            }
        }

        var mean = sum / covered;
        for (var i = 0; i < samples.Length; i++)
        {
            if (double.IsNaN(samples[i]))
            {
                samples[i] = mean;
            }
        }
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
