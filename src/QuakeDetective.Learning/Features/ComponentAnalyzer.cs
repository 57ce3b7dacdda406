using System.Buffers;
using System.Collections.Concurrent;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Learning.Features;

/// <summary>
/// Features of one component. Every feature is independent of the instrument's gain (ratios, shapes, times), so that
/// a model trained on one network's counts carries over to another's, and is defined for sampling rates from 20 Hz up
/// and windows from a few tens of seconds to hours: spectra use segments of about 4 s, times are in seconds, and the
/// STA/LTA long window shrinks for short windows.
/// </summary>
internal sealed class ComponentAnalyzer
{
    private const double AnalysisLowHz = 0.5;
    private const double AnalysisHighHz = 16.0;
    private const double FilterLowHz = 1.0;
    private const double EnvelopeBinSeconds = 0.5;
    private const double NoisePercentile = 0.1;
    private const double MissingBandLog = -6.0;
    private const double PeakSpectrumSeconds = 10.0;

    private readonly ConcurrentDictionary<double, SosFilter> _filters = new();

    public ComponentAnalysis Analyze(ReadOnlySpan<double> raw, double sampleRate)
    {
        var n = raw.Length;
        if (n < 32 || !(sampleRate > 0) || IsConstant(raw))
        {
            return ComponentAnalysis.Dead;
        }

        // Working arrays come from the pool: windows are long (tens of thousands of samples) and many are processed in
        // parallel, so fresh arrays would land on the large-object heap and keep the collector busy.
        var yBuffer = ArrayPool<double>.Shared.Rent(n);
        var filteredBuffer = ArrayPool<double>.Shared.Rent(n);
        try
        {
            return Analyze(raw, sampleRate, yBuffer.AsSpan(0, n), filteredBuffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(yBuffer);
            ArrayPool<double>.Shared.Return(filteredBuffer);
        }
    }

    private ComponentAnalysis Analyze(ReadOnlySpan<double> raw, double sampleRate, Span<double> y, Span<double> filtered)
    {
        var n = raw.Length;
        var features = new double[FeatureSchema.PerComponent];
        var flatFraction = FlatFraction(raw);

        RemoveTrend(raw, y);
        var rawKurtosis = Math.Log10(Math.Max(Kurtosis(y), 1e-3));
        TaperEnds(y, Math.Min(2.0 * sampleRate, 0.05 * n));

        var f = 0;
        f = AddSpectralFeatures(y, sampleRate, features, f);

        ApplyFilter(FilterFor(sampleRate), y, filtered);
        var meanSquare = MeanSquare(filtered);
        var rms = Math.Sqrt(meanSquare);
        var peakAbs = 0.0;
        foreach (var v in filtered)
        {
            peakAbs = Math.Max(peakAbs, Math.Abs(v));
        }

        var nsta = Math.Max(1, (int)Math.Round(sampleRate));
        // Short windows get a shorter long-term window, so an arrival a few seconds in is still seen.
        var ltaSeconds = Math.Clamp(n / sampleRate / 8.0, 2.5, 10.0);
        var nlta = Math.Min(n, Math.Max(nsta + 1, (int)Math.Round(ltaSeconds * sampleRate)));
        var staLta = StaLta.Classic(filtered, nsta, nlta);
        var staLtaMax = 0.0;
        for (var i = nlta - 1; i < staLta.Length; i++)
        {
            staLtaMax = Math.Max(staLtaMax, staLta[i]);
        }

        features[f++] = Math.Log10(Math.Max(staLtaMax, 1e-3));
        features[f++] = Math.Log10(Math.Max(Kurtosis(filtered), 1e-3));
        features[f++] = rms > 0 ? Math.Log10(peakAbs / rms) : 0;

        var binSamples = Math.Max(1, (int)Math.Round(EnvelopeBinSeconds * sampleRate));
        var binSeconds = binSamples / sampleRate;
        var envelope = Envelope(filtered, binSamples);
        var peakBin = ArgMax(envelope);
        var peak = envelope[peakBin];
        var noise = Percentile(envelope, NoisePercentile);
        var floor = Math.Max(peak * 1e-9, double.Epsilon);
        noise = Math.Max(noise, floor);

        var level = noise + 0.1 * (peak - noise);
        var onset = peakBin;
        while (onset > 0 && envelope[onset - 1] > level)
        {
            onset--;
        }

        var end = peakBin;
        while (end < envelope.Length - 1 && envelope[end + 1] > level)
        {
            end++;
        }

        var rise = (peakBin - onset + 0.5) * binSeconds;
        var decay = (end - peakBin + 0.5) * binSeconds;
        var above = 0;
        foreach (var e in envelope)
        {
            if (e > 2.0 * noise)
            {
                above++;
            }
        }

        features[f++] = Math.Log10(1.0 + rise);
        features[f++] = Math.Log10(1.0 + decay);
        features[f++] = Math.Log10(decay / rise);
        features[f++] = Math.Log10(1.0 + above * binSeconds);
        features[f++] = above / (double)envelope.Length;
        features[f++] = Math.Log10(Math.Max(peak, floor) / noise);
        features[f++] = flatFraction;
        features[f++] = rawKurtosis;
        return new ComponentAnalysis(features, envelope, peakBin, binSeconds, meanSquare);
    }

    private static int AddSpectralFeatures(ReadOnlySpan<double> y, double sampleRate, double[] features, int f)
    {
        var nyquist = sampleRate / 2.0;
        var segment = 16;
        while (segment * 2 <= 4.0 * sampleRate * 1.5 && segment * 2 <= y.Length)
        {
            segment *= 2;
        }

        var spectra = SegmentSpectra.Compute(y, segment);
        var columns = spectra.Length;
        var bins = segment / 2 + 1;
        var df = sampleRate / segment;
        var high = Math.Min(AnalysisHighHz, nyquist);
        var firstBin = (int)Math.Ceiling(AnalysisLowHz / df);
        var lastBin = Math.Min(bins - 1, (int)Math.Floor(high / df));

        // The loudest few seconds (where an event is) and the quieter half of the window (the background).
        var columnPower = new double[columns];
        var order = new int[columns];
        for (var k = 0; k < columns; k++)
        {
            var sum = 0.0;
            var column = spectra[k];
            for (var i = firstBin; i <= lastBin; i++)
            {
                sum += column[i];
            }

            columnPower[k] = -sum;
            order[k] = k;
        }

        Array.Sort(columnPower, order);
        var hopSeconds = segment / 2.0 / sampleRate;
        var top = Math.Clamp((int)Math.Round(PeakSpectrumSeconds / hopSeconds), 1, Math.Max(1, columns / 4));
        var quietStart = Math.Min(columns - 1, columns / 2);
        var peakSpectrum = new double[bins];
        var quietSpectrum = new double[bins];
        for (var j = 0; j < columns; j++)
        {
            var target = j < top ? peakSpectrum : j >= quietStart ? quietSpectrum : null;
            if (target is null)
            {
                continue;
            }

            var column = spectra[order[j]];
            for (var i = 0; i < bins; i++)
            {
                target[i] += column[i];
            }
        }

        var bandPeak = new double[FeatureSchema.Bands.Count];
        var bandQuiet = new double[FeatureSchema.Bands.Count];
        var present = new bool[FeatureSchema.Bands.Count];
        var totalPeak = 0.0;
        var quietCount = Math.Max(1, columns - quietStart);
        for (var b = 0; b < FeatureSchema.Bands.Count; b++)
        {
            var (lo, hi) = FeatureSchema.Bands[b];
            hi = Math.Min(hi, nyquist);
            if (lo >= hi - df)
            {
                continue;
            }

            present[b] = true;
            for (var i = (int)Math.Ceiling(lo / df); i < bins && i * df < hi; i++)
            {
                bandPeak[b] += peakSpectrum[i] / top;
                bandQuiet[b] += quietSpectrum[i] / quietCount;
            }

            totalPeak += bandPeak[b];
        }

        var tiny = Math.Max(totalPeak * 1e-12, double.Epsilon);
        for (var b = 0; b < bandPeak.Length; b++)
        {
            features[f + b] = present[b] && totalPeak > 0 ? Math.Log10(Math.Max(bandPeak[b] / totalPeak, 1e-6)) : MissingBandLog;
            features[f + bandPeak.Length + b] = present[b] ? Math.Log10((bandPeak[b] + tiny) / (bandQuiet[b] + tiny)) : 0.0;
        }

        f += 2 * bandPeak.Length;

        double weight = 0, centroid = 0, peakPower = -1, peakHz = 0;
        for (var i = firstBin; i <= lastBin; i++)
        {
            var p = peakSpectrum[i];
            weight += p;
            centroid += p * i * df;
            if (p > peakPower)
            {
                peakPower = p;
                peakHz = i * df;
            }
        }

        centroid = weight > 0 ? centroid / weight : 0;
        var spread = 0.0;
        for (var i = firstBin; weight > 0 && i <= lastBin; i++)
        {
            var d = i * df - centroid;
            spread += peakSpectrum[i] * d * d;
        }

        features[f++] = centroid;
        features[f++] = weight > 0 ? Math.Sqrt(spread / weight) : 0;
        features[f++] = peakHz;
        return f;
    }

    /// <summary>Least-squares line removed (as scipy's detrend 'linear'), written into <paramref name="y"/>.</summary>
    private static void RemoveTrend(ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        var centre = (n - 1) / 2.0;
        double mean = 0, slopeNumerator = 0, slopeDenominator = 0;
        for (var i = 0; i < n; i++)
        {
            mean += x[i];
        }

        mean /= n;
        for (var i = 0; i < n; i++)
        {
            var t = i - centre;
            slopeNumerator += t * (x[i] - mean);
            slopeDenominator += t * t;
        }

        var slope = slopeDenominator > 0 ? slopeNumerator / slopeDenominator : 0;
        for (var i = 0; i < n; i++)
        {
            y[i] = x[i] - mean - slope * (i - centre);
        }
    }

    /// <summary>The filter's second-order sections run causally (transposed direct form II, as scipy's sosfilt) into <paramref name="output"/>.</summary>
    private static void ApplyFilter(SosFilter filter, ReadOnlySpan<double> input, Span<double> output)
    {
        input.CopyTo(output);
        var sections = filter.Sections;
        for (var s = 0; s < filter.SectionCount; s++)
        {
            double b0 = sections[s, 0], b1 = sections[s, 1], b2 = sections[s, 2], a1 = sections[s, 4], a2 = sections[s, 5];
            double z1 = 0, z2 = 0;
            for (var i = 0; i < output.Length; i++)
            {
                var x = output[i];
                var yv = b0 * x + z1;
                z1 = b1 * x - a1 * yv + z2;
                z2 = b2 * x - a2 * yv;
                output[i] = yv;
            }
        }
    }

    private SosFilter FilterFor(double sampleRate) =>
        _filters.GetOrAdd(sampleRate, rate => Butterworth.BandPass(2, FilterLowHz, Math.Min(AnalysisHighHz, 0.45 * rate), rate));

    private static bool IsConstant(ReadOnlySpan<double> x)
    {
        var first = x[0];
        foreach (var v in x)
        {
            if (v != first)
            {
                return false;
            }
        }

        return true;
    }

    private static double FlatFraction(ReadOnlySpan<double> x)
    {
        var same = 0;
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] == x[i - 1])
            {
                same++;
            }
        }

        return same / (double)(x.Length - 1);
    }

    private static void TaperEnds(Span<double> y, double length)
    {
        var m = (int)length;
        for (var i = 0; i < m; i++)
        {
            var w = 0.5 * (1.0 - Math.Cos(Math.PI * i / m));
            y[i] *= w;
            y[y.Length - 1 - i] *= w;
        }
    }

    private static double MeanSquare(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return sum / x.Length;
    }

    /// <summary>Pearson kurtosis (3 for a Gaussian); 0 for a constant signal.</summary>
    private static double Kurtosis(ReadOnlySpan<double> x)
    {
        var mean = 0.0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        double m2 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }

        m2 /= x.Length;
        m4 /= x.Length;
        return m2 > 0 ? m4 / (m2 * m2) : 0;
    }

    private static double[] Envelope(ReadOnlySpan<double> x, int binSamples)
    {
        var count = Math.Max(1, x.Length / binSamples);
        var envelope = new double[count];
        for (var b = 0; b < count; b++)
        {
            var start = b * binSamples;
            var length = b == count - 1 ? x.Length - start : binSamples;
            envelope[b] = Math.Sqrt(MeanSquare(x.Slice(start, length)));
        }

        return envelope;
    }

    private static int ArgMax(double[] x)
    {
        var best = 0;
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] > x[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static double Percentile(double[] x, double q)
    {
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Floor(q * (sorted.Length - 1))];
    }
}
