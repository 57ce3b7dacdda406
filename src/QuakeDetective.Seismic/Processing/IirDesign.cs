using System.Numerics;

namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// Digital IIR design the way scipy.signal.iirfilter does it: analog low-pass prototype (zeros, poles, gain), frequency
/// transform to the pre-warped corners, bilinear transform at fs = 2, then pairing into second-order sections like
/// zpk2sos(pairing='nearest'). Written from the SciPy documentation and the formulas in shared/data/dsp/README.md.
/// </summary>
internal static class IirDesign
{
    /// <summary>Butterworth analog prototype: N poles evenly spaced on the left half of the unit circle, no zeros.</summary>
    public static Zpk ButterworthPrototype(int order)
    {
        var poles = new Complex[order];
        for (var i = 0; i < order; i++)
        {
            var m = -order + 1 + 2 * i;
            poles[i] = -Complex.Exp(new Complex(0, Math.PI * m / (2.0 * order)));
        }

        return new Zpk([], poles, 1.0);
    }

    /// <summary>Chebyshev type I analog prototype with <paramref name="rippleDb"/> of pass-band ripple.</summary>
    public static Zpk ChebyshevIPrototype(int order, double rippleDb)
    {
        var eps = Math.Sqrt(Math.Pow(10.0, 0.1 * rippleDb) - 1.0);
        var mu = Math.Asinh(1.0 / eps) / order;
        var poles = new Complex[order];
        var product = Complex.One;
        for (var i = 0; i < order; i++)
        {
            var m = -order + 1 + 2 * i;
            var theta = Math.PI * m / (2.0 * order);
            poles[i] = -Complex.Sinh(new Complex(mu, theta));
            product *= -poles[i];
        }

        var gain = product.Real;
        if (order % 2 == 0)
        {
            // Even orders start at the bottom of the ripple, so the DC gain is 1/sqrt(1 + eps²).
            gain /= Math.Sqrt(1.0 + eps * eps);
        }

        return new Zpk([], poles, gain);
    }

    /// <summary>Validates corners and designs a digital filter; corners in Hz.</summary>
    public static SosFilter Design(Zpk prototype, FilterKind kind, double lowHz, double highHz, double sampleRate)
    {
        if (!(sampleRate > 0) || double.IsInfinity(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Sampling rate must be positive and finite.");
        }

        var nyquist = sampleRate / 2.0;
        CheckCorner(lowHz, nyquist, kind == FilterKind.BandPass ? "lowHz" : "cornerHz");
        if (kind == FilterKind.BandPass)
        {
            CheckCorner(highHz, nyquist, "highHz");
            if (!(lowHz < highHz))
            {
                throw new ArgumentException($"Band-pass corners must satisfy low < high; got low {lowHz} Hz, high {highHz} Hz.", nameof(highHz));
            }
        }

        // Corners normalised to Nyquist, then pre-warped for the bilinear transform at fs = 2 (scipy's convention).
        const double fs = 2.0;
        var warpedLow = 2.0 * fs * Math.Tan(Math.PI * (lowHz / nyquist) / fs);
        Zpk analog;
        switch (kind)
        {
            case FilterKind.LowPass:
                analog = LowPassToLowPass(prototype, warpedLow);
                break;
            case FilterKind.HighPass:
                analog = LowPassToHighPass(prototype, warpedLow);
                break;
            default:
                var warpedHigh = 2.0 * fs * Math.Tan(Math.PI * (highHz / nyquist) / fs);
                analog = LowPassToBandPass(prototype, Math.Sqrt(warpedLow * warpedHigh), warpedHigh - warpedLow);
                break;
        }

        return new SosFilter(ToSections(Bilinear(analog, fs)));
    }

    private static void CheckCorner(double hz, double nyquist, string name)
    {
        if (!(hz > 0) || !(hz < nyquist))
        {
            throw new ArgumentOutOfRangeException(
                name, hz, $"Corner frequency must be above 0 and below the Nyquist frequency {nyquist} Hz (half the sampling rate); got {hz} Hz.");
        }
    }

    private static Zpk LowPassToLowPass(Zpk p, double wo) =>
        new(Scale(p.Zeros, wo), Scale(p.Poles, wo), p.Gain * Math.Pow(wo, p.RelativeDegree));

    private static Zpk LowPassToHighPass(Zpk p, double wo)
    {
        var zeros = new Complex[p.Zeros.Length + p.RelativeDegree];
        var prodZ = Complex.One;
        var prodP = Complex.One;
        for (var i = 0; i < p.Zeros.Length; i++)
        {
            zeros[i] = wo / p.Zeros[i];
            prodZ *= -p.Zeros[i];
        }

        var poles = new Complex[p.Poles.Length];
        for (var i = 0; i < poles.Length; i++)
        {
            poles[i] = wo / p.Poles[i];
            prodP *= -p.Poles[i];
        }

        // The zeros at infinity move to the origin; the remaining array entries are already zero.
        return new Zpk(zeros, poles, p.Gain * (prodZ / prodP).Real);
    }

    private static Zpk LowPassToBandPass(Zpk p, double wo, double bandwidth)
    {
        static Complex[] Shift(Complex[] roots, double wo, double bw, int extraZeros)
        {
            var result = new Complex[2 * roots.Length + extraZeros];
            for (var i = 0; i < roots.Length; i++)
            {
                var r = roots[i] * (bw / 2.0);
                var root = Complex.Sqrt(r * r - wo * wo);
                result[i] = r + root;
                result[roots.Length + i] = r - root;
            }

            return result;
        }

        return new Zpk(
            Shift(p.Zeros, wo, bandwidth, p.RelativeDegree),
            Shift(p.Poles, wo, bandwidth, 0),
            p.Gain * Math.Pow(bandwidth, p.RelativeDegree));
    }

    private static Zpk Bilinear(Zpk p, double fs)
    {
        var fs2 = 2.0 * fs;
        var zeros = new Complex[p.Zeros.Length + p.RelativeDegree];
        var prodZ = Complex.One;
        var prodP = Complex.One;
        for (var i = 0; i < p.Zeros.Length; i++)
        {
            zeros[i] = (fs2 + p.Zeros[i]) / (fs2 - p.Zeros[i]);
            prodZ *= fs2 - p.Zeros[i];
        }

        for (var i = p.Zeros.Length; i < zeros.Length; i++)
        {
            // Zeros at infinity land on Nyquist.
            zeros[i] = -Complex.One;
        }

        var poles = new Complex[p.Poles.Length];
        for (var i = 0; i < poles.Length; i++)
        {
            poles[i] = (fs2 + p.Poles[i]) / (fs2 - p.Poles[i]);
            prodP *= fs2 - p.Poles[i];
        }

        return new Zpk(zeros, poles, p.Gain * (prodZ / prodP).Real);
    }

    private static Complex[] Scale(Complex[] roots, double factor)
    {
        var result = new Complex[roots.Length];
        for (var i = 0; i < roots.Length; i++)
        {
            result[i] = roots[i] * factor;
        }

        return result;
    }

    /// <summary>
    /// Pairs poles and zeros into biquads like scipy zpk2sos(pairing='nearest'): repeatedly take the pole closest to the
    /// unit circle, pair it with its conjugate (or the next real pole) and with the nearest zeros; the sections are then
    /// reversed so that the most resonant comes last, and the gain goes into the first.
    /// </summary>
    private static double[,] ToSections(Zpk digital)
    {
        var p = new List<Complex>(digital.Poles);
        var z = new List<Complex>(digital.Zeros);
        while (z.Count < p.Count)
        {
            z.Add(Complex.Zero);
        }

        while (p.Count < z.Count)
        {
            p.Add(Complex.Zero);
        }

        var sectionCount = (p.Count + 1) / 2;
        if (sectionCount == 0)
        {
            return new double[,] { { digital.Gain, 0, 0, 1, 0, 0 } };
        }

        if (p.Count % 2 == 1)
        {
            p.Add(Complex.Zero);
            z.Add(Complex.Zero);
        }

        p = ConjugatesThenReals(p);
        z = ConjugatesThenReals(z);

        var poleSections = new (Complex First, Complex Second)[sectionCount];
        var zeroSections = new (Complex First, Complex Second)[sectionCount];
        for (var si = 0; si < sectionCount; si++)
        {
            var p1Index = ArgMin(p, c => Math.Abs(1.0 - c.Magnitude));
            var p1 = p[p1Index];
            p.RemoveAt(p1Index);
            var realPolesLeft = p.Count(IsReal);

            Complex p2, z1, z2;
            if (IsReal(p1) && realPolesLeft == 0)
            {
                // The last real pole: a first-order section with the nearest real zero.
                z1 = TakeNearest(z, p1, Which.Real);
                poleSections[si] = (p1, Complex.Zero);
                zeroSections[si] = (z1, Complex.Zero);
                continue;
            }

            if (p.Count + 1 == z.Count && !IsReal(p1) && realPolesLeft == 1 && z.Count(IsReal) == 1)
            {
                // One real pole and one real zero remain: they must end up together, so this pair takes complex zeros.
                z1 = TakeNearest(z, p1, Which.Complex);
                poleSections[si] = (p1, Complex.Conjugate(p1));
                zeroSections[si] = (z1, Complex.Conjugate(z1));
                continue;
            }

            if (IsReal(p1))
            {
                var p2Index = -1;
                for (var i = 0; i < p.Count; i++)
                {
                    if (IsReal(p[i]) && (p2Index < 0 || Math.Abs(p[i].Magnitude - 1.0) < Math.Abs(p[p2Index].Magnitude - 1.0)))
                    {
                        p2Index = i;
                    }
                }

                p2 = p[p2Index];
                p.RemoveAt(p2Index);
            }
            else
            {
                p2 = Complex.Conjugate(p1);
            }

            if (z.Count > 0)
            {
                z1 = TakeNearest(z, p1, Which.Any);
                if (!IsReal(z1))
                {
                    z2 = Complex.Conjugate(z1);
                }
                else
                {
                    z2 = z.Count > 0 ? TakeNearest(z, p1, Which.Real) : Complex.Zero;
                }
            }
            else
            {
                z1 = Complex.Zero;
                z2 = Complex.Zero;
            }

            poleSections[si] = (p1, p2);
            zeroSections[si] = (z1, z2);
        }

        var sos = new double[sectionCount, 6];
        for (var si = 0; si < sectionCount; si++)
        {
            // Reverse so that the poles closest to the unit circle are filtered last.
            var (pa, pb) = poleSections[sectionCount - 1 - si];
            var (za, zb) = zeroSections[sectionCount - 1 - si];
            var k = si == 0 ? digital.Gain : 1.0;
            sos[si, 0] = k;
            sos[si, 1] = k * -(za + zb).Real;
            sos[si, 2] = k * (za * zb).Real;
            sos[si, 3] = 1.0;
            sos[si, 4] = -(pa + pb).Real;
            sos[si, 5] = (pa * pb).Real;
        }

        return sos;
    }

    private enum Which
    {
        Any,
        Real,
        Complex,
    }

    private static bool IsReal(Complex c) => c.Imaginary == 0.0;

    private static Complex TakeNearest(List<Complex> roots, Complex target, Which which)
    {
        var best = -1;
        for (var i = 0; i < roots.Count; i++)
        {
            var ok = which switch
            {
                Which.Real => IsReal(roots[i]),
                Which.Complex => !IsReal(roots[i]),
                _ => true,
            };
            if (ok && (best < 0 || (roots[i] - target).Magnitude < (roots[best] - target).Magnitude))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            throw new InvalidOperationException("Pole/zero pairing found no zero of the kind it needs; the design is inconsistent.");
        }

        var root = roots[best];
        roots.RemoveAt(best);
        return root;
    }

    private static int ArgMin(List<Complex> values, Func<Complex, double> key)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (key(values[i]) < key(values[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Keeps one member (positive imaginary part) of each conjugate pair, averaged with its partner, followed by the real
    /// roots with their imaginary parts set exactly to zero; roots within 100 eps of the real axis count as real.
    /// </summary>
    private static List<Complex> ConjugatesThenReals(List<Complex> roots)
    {
        const double tol = 100.0 * 2.220446049250313e-16; // 100 machine epsilons, as scipy's _cplxreal
        var sorted = roots.OrderBy(r => r.Real).ThenBy(r => Math.Abs(r.Imaginary)).ToList();
        var reals = new List<Complex>();
        var positive = new List<Complex>();
        var negative = new List<Complex>();
        foreach (var r in sorted)
        {
            if (Math.Abs(r.Imaginary) <= tol * r.Magnitude)
            {
                reals.Add(new Complex(r.Real, 0.0));
            }
            else if (r.Imaginary > 0)
            {
                positive.Add(r);
            }
            else
            {
                negative.Add(r);
            }
        }

        if (positive.Count != negative.Count)
        {
            throw new InvalidOperationException("Filter roots are not in complex-conjugate pairs; the design is inconsistent.");
        }

        var result = new List<Complex>(roots.Count);
        foreach (var pos in positive)
        {
            var partner = ArgMin(negative, n => (Complex.Conjugate(n) - pos).Magnitude);
            result.Add((pos + Complex.Conjugate(negative[partner])) / 2.0);
            negative.RemoveAt(partner);
        }

        result.AddRange(reals);
        return result;
    }
}
