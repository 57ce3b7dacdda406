namespace QuakeDetective.Seismic.Processing;

/// <summary>Butterworth filter design (scipy.signal.butter with output='sos'). CONTRACT: keep these signatures.</summary>
/// <remarks>
/// Corners are in Hz and must lie strictly between 0 and the Nyquist frequency (half the sampling rate); otherwise
/// <see cref="ArgumentOutOfRangeException"/>. A band-pass of order N has 2N poles in N sections, as in scipy and ObsPy
/// (ObsPy calls the order "corners").
/// </remarks>
public static class Butterworth
{
    public static SosFilter BandPass(int order, double lowHz, double highHz, double sampleRate) =>
        IirDesign.Design(IirDesign.ButterworthPrototype(CheckOrder(order)), FilterKind.BandPass, lowHz, highHz, sampleRate);

    public static SosFilter HighPass(int order, double cornerHz, double sampleRate) =>
        IirDesign.Design(IirDesign.ButterworthPrototype(CheckOrder(order)), FilterKind.HighPass, cornerHz, 0.0, sampleRate);

    public static SosFilter LowPass(int order, double cornerHz, double sampleRate) =>
        IirDesign.Design(IirDesign.ButterworthPrototype(CheckOrder(order)), FilterKind.LowPass, cornerHz, 0.0, sampleRate);

    private static int CheckOrder(int order) =>
        order is >= 1 and <= 32
            ? order
            : throw new ArgumentOutOfRangeException(nameof(order), order, "Filter order must be between 1 and 32.");
}
