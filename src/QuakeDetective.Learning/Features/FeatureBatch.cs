namespace QuakeDetective.Learning.Features;

/// <summary>Features of many subjects: the vectors found (cached or computed) and why the others failed.</summary>
public sealed class FeatureBatch
{
    public Dictionary<long, float[]> Features { get; } = [];

    /// <summary>Subject id → why no features (unreadable or missing window file).</summary>
    public Dictionary<long, string> Failures { get; } = [];

    public int Cached { get; set; }

    public int Computed { get; set; }
}
