namespace QuakeDetective.Seismic.Processing;

/// <summary>Which frequency transform a filter design applies to its low-pass prototype.</summary>
internal enum FilterKind
{
    LowPass,
    HighPass,
    BandPass,
}
