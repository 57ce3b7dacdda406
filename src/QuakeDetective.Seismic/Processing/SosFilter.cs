namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// An IIR filter as second-order sections (rows b0 b1 b2 a0 a1 a2, a0 = 1), run in transposed direct form II
/// like scipy.signal.sosfilt. CONTRACT (shared with Media and Learning): keep these signatures.
/// </summary>
public sealed class SosFilter
{
    public SosFilter(double[,] sections)
    {
        Sections = sections ?? throw new ArgumentNullException(nameof(sections));
    }

    /// <summary>Rows of b0 b1 b2 a0 a1 a2.</summary>
    public double[,] Sections { get; }

    /// <summary>Causal filtering from zero initial state (scipy sosfilt).</summary>
    public double[] Filter(ReadOnlySpan<double> x) => throw new NotImplementedException();

    /// <summary>Zero-phase forward-backward filtering with odd padding and steady-state initial conditions (scipy sosfiltfilt).</summary>
    public double[] FilterZeroPhase(ReadOnlySpan<double> x) => throw new NotImplementedException();
}
