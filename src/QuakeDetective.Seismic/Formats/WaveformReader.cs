namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Reads any supported waveform file (MiniSEED 2, MiniSEED 3, SAC: detected from the content) into merged
/// traces. CONTRACT: keep this signature; format errors throw <see cref="SeismicFormatException"/>.
/// </summary>
public static class WaveformReader
{
    public static IReadOnlyList<Trace> ReadFile(string path) => throw new NotImplementedException();

    public static IReadOnlyList<Trace> Read(Stream input, string sourceName) => throw new NotImplementedException();
}
