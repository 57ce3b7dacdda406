namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Writes traces as MiniSEED 2 (Steim-2 when every sample is an integer, FLOAT32 otherwise), 512-byte records
/// by default, with blockette 1000. CONTRACT: keep this signature.
/// </summary>
public static class MiniSeedWriter
{
    public static void Write(Stream output, IEnumerable<Trace> traces, int recordLength = 512) =>
        throw new NotImplementedException();
}
