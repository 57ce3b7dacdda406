namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// Power spectral density over time (scipy.signal.spectrogram with a periodic Hann window, density scaling).
/// CONTRACT: keep these members.
/// </summary>
public sealed class Spectrogram
{
    public Spectrogram(double[] frequenciesHz, double[] timesSeconds, double[,] power)
    {
        FrequenciesHz = frequenciesHz;
        TimesSeconds = timesSeconds;
        Power = power;
    }

    public double[] FrequenciesHz { get; }

    /// <summary>Segment centres, seconds from the first sample.</summary>
    public double[] TimesSeconds { get; }

    /// <summary>[frequency index, time index].</summary>
    public double[,] Power { get; }

    public static Spectrogram Compute(ReadOnlySpan<double> x, double sampleRate, int segmentLength = 256, int overlap = 128) =>
        throw new NotImplementedException();
}
