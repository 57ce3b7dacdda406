namespace QuakeDetective.Seismic.Formats;

/// <summary>Data encodings of MiniSEED 2 (blockette 1000) and MiniSEED 3 (header byte 15), as numbered by the SEED manual.</summary>
public enum MiniSeedEncoding
{
    Text = 0,
    Int16 = 1,
    Int32 = 3,
    Float32 = 4,
    Float64 = 5,
    Steim1 = 10,
    Steim2 = 11,
}
