namespace QuakeDetective.Seismic.Processing;

/// <summary>Butterworth filter design (scipy.signal.butter with output='sos'). CONTRACT: keep these signatures.</summary>
public static class Butterworth
{
    public static SosFilter BandPass(int order, double lowHz, double highHz, double sampleRate) =>
        throw new NotImplementedException();

    public static SosFilter HighPass(int order, double cornerHz, double sampleRate) =>
        throw new NotImplementedException();

    public static SosFilter LowPass(int order, double cornerHz, double sampleRate) =>
        throw new NotImplementedException();
}
