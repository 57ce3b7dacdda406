namespace QuakeDetective.Seismic.Formats;

/// <summary>The file format detected from a file's content.</summary>
public enum WaveformFormat
{
    Unknown,
    MiniSeed2,
    MiniSeed3,

    /// <summary>MiniSEED 2 and 3 records in one file.</summary>
    MiniSeedMixed,
    Sac,
}
