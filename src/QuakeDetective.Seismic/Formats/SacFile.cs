namespace QuakeDetective.Seismic.Formats;

/// <summary>A binary SAC file: its header (station and event coordinates, distances, picks) and its samples as a trace.</summary>
public sealed class SacFile
{
    public SacFile(SacHeader header, Trace trace)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Trace = trace ?? throw new ArgumentNullException(nameof(trace));
    }

    public SacHeader Header { get; }

    public Trace Trace { get; }

    /// <summary>Reads a binary SAC file; throws <see cref="SeismicFormatException"/> when it is not one (or is alphanumeric SAC).</summary>
    public static SacFile ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>Reads binary SAC from memory; throws <see cref="SeismicFormatException"/> naming the byte and field at fault.</summary>
    public static SacFile Read(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sourceName);
        return SacReader.Parse(data, data.Length, sourceName);
    }
}
