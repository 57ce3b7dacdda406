namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// Seeded generator of physically plausible 3-component windows. CONTRACT: keep this signature.
/// The same (options, seed, class) always gives the same samples.
/// </summary>
public sealed class SyntheticWaveformGenerator
{
    public SyntheticWindow Generate(SyntheticClass trueClass, int seed, SyntheticOptions options) =>
        throw new NotImplementedException();
}
