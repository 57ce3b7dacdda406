namespace QuakeDetective.Core.Import;

/// <summary>The time span one file holds for one instrument (station key + band/instrument code).</summary>
internal readonly record struct InstrumentSpan(string Instrument, long StartNs, long EndNs)
{
    public long Length => EndNs - StartNs;
}
