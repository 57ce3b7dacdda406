namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast generator whose sequence is fixed by its algorithm, so a seed
/// gives the same window on every .NET version and platform (System.Random's seeded sequence is not promised forever).
/// </summary>
internal sealed class SyntheticRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SyntheticRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform in log space: every factor of ten between the bounds is equally likely.</summary>
    public double LogUniform(double low, double high) => Math.Exp(Uniform(Math.Log(low), Math.Log(high)));

    /// <summary>Integer in [low, high).</summary>
    public int Next(int low, int high) => low + (int)(NextDouble() * (high - low));

    public bool Chance(double probability) => NextDouble() < probability;

    public double Sign() => NextDouble() < 0.5 ? -1.0 : 1.0;

    /// <summary>
    /// Zero-mean, unit-variance uniform white noise: several times cheaper than Gaussian draws, and as good as them
    /// wherever the noise is filtered next, because a filter's output sums many inputs (central limit theorem).
    /// </summary>
    public void FillWhite(Span<double> target)
    {
        const double scale = 3.4641016151377544 / (1UL << 53); // √12 spreads U(−½, ½) to unit variance
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = ((double)(NextUInt64() >> 11) - (1UL << 52)) * scale;
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
