namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// Chebyshev type I design (scipy.signal.cheby1 with output='sos'): equiripple pass band with <c>rippleDb</c> of ripple,
/// steeper than a Butterworth of the same order. Even orders have a DC gain of 10^(−ripple/20), as in scipy.
/// </summary>
public static class ChebyshevI
{
    public static SosFilter LowPass(int order, double rippleDb, double cornerHz, double sampleRate) =>
        IirDesign.Design(Prototype(order, rippleDb), FilterKind.LowPass, cornerHz, 0.0, sampleRate);

    public static SosFilter HighPass(int order, double rippleDb, double cornerHz, double sampleRate) =>
        IirDesign.Design(Prototype(order, rippleDb), FilterKind.HighPass, cornerHz, 0.0, sampleRate);

    public static SosFilter BandPass(int order, double rippleDb, double lowHz, double highHz, double sampleRate) =>
        IirDesign.Design(Prototype(order, rippleDb), FilterKind.BandPass, lowHz, highHz, sampleRate);

    private static Zpk Prototype(int order, double rippleDb)
    {
        if (order is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Filter order must be between 1 and 32.");
        }

        if (!(rippleDb > 0) || double.IsInfinity(rippleDb))
        {
            throw new ArgumentOutOfRangeException(nameof(rippleDb), rippleDb, "Pass-band ripple must be a positive number of dB.");
        }

        return IirDesign.ChebyshevIPrototype(order, rippleDb);
    }
}
