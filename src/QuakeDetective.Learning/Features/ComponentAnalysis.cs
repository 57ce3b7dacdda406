namespace QuakeDetective.Learning.Features;

/// <summary>One component's features plus what the cross-component features need (its envelope).</summary>
internal sealed class ComponentAnalysis
{
    public static ComponentAnalysis Dead { get; } = new(new double[FeatureSchema.PerComponent], [], 0, 1.0, 0.0, isDead: true);

    public ComponentAnalysis(double[] features, double[] envelope, int peakBin, double binSeconds, double meanSquare, bool isDead = false)
    {
        Features = features;
        Envelope = envelope;
        PeakBin = peakBin;
        BinSeconds = binSeconds;
        MeanSquare = meanSquare;
        IsDead = isDead;
    }

    /// <summary>Values in <see cref="FeatureSchema.ComponentFeatures"/> order.</summary>
    public double[] Features { get; }

    /// <summary>RMS of the band-passed trace in consecutive bins of <see cref="BinSeconds"/>.</summary>
    public double[] Envelope { get; }

    public int PeakBin { get; }

    public double BinSeconds { get; }

    /// <summary>Mean square of the band-passed trace.</summary>
    public double MeanSquare { get; }

    /// <summary>No usable signal (absent, constant or all zeros, as single-component files pad their horizontals).</summary>
    public bool IsDead { get; }
}
