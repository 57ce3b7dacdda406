using MathNet.Numerics;

namespace QuakeDetective.Seismic.Processing;

/// <summary>Windowed-sinc FIR design (scipy.signal.firwin).</summary>
public static class FirDesign
{
    /// <summary>
    /// scipy <c>firwin(numTaps, cutoff, window=('kaiser', beta))</c>: a low-pass with <paramref name="cutoff"/> as a
    /// fraction of the Nyquist frequency (0 &lt; cutoff &lt; 1), symmetric Kaiser window, scaled to unit gain at DC.
    /// </summary>
    public static double[] KaiserLowPass(int numTaps, double cutoff, double beta)
    {
        if (numTaps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numTaps), numTaps, "An FIR filter needs at least one tap.");
        }

        if (!(cutoff > 0 && cutoff < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Cutoff must be a fraction of Nyquist strictly between 0 and 1.");
        }

        if (!(beta >= 0) || double.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Kaiser beta must be a non-negative number.");
        }

        var h = new double[numTaps];
        var centre = 0.5 * (numTaps - 1);
        var i0Beta = SpecialFunctions.BesselI0(beta);
        var sum = 0.0;
        for (var i = 0; i < numTaps; i++)
        {
            var m = i - centre;
            var r = numTaps == 1 ? 0.0 : 2.0 * i / (numTaps - 1) - 1.0;
            var window = SpecialFunctions.BesselI0(beta * Math.Sqrt(Math.Max(0.0, 1.0 - r * r))) / i0Beta;
            h[i] = cutoff * Sinc(cutoff * m) * window;
            sum += h[i];
        }

        for (var i = 0; i < numTaps; i++)
        {
            h[i] /= sum;
        }

        return h;
    }

    private static double Sinc(double x) => x == 0.0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
}
