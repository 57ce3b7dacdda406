namespace QuakeDetective.Seismic.Synthetic;

/// <summary>The true class of a generated window; names match the default answer choices.</summary>
public enum SyntheticClass
{
    Earthquake,
    Tremor,
    Noise,
    NoneOfTheAbove,
}
