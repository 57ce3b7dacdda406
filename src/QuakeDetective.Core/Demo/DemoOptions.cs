using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Core.Demo;

/// <summary>Configuration section "Demo": the generated campaign created on first start.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public const string CampaignName = "Demo: triggered earthquakes and tremor";

    /// <summary>Turn off for a real deployment.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 100_000)]
    public int SubjectCount { get; set; } = 200;

    /// <summary>Window length; the original project used 2000 s windows.</summary>
    [Range(10, 20_000)]
    public double WindowSeconds { get; set; } = 2000;

    [Range(1, 1000)]
    public double SampleRate { get; set; } = 40;

    /// <summary>Fixed seed: every fresh site gets the same demo.</summary>
    public int Seed { get; set; } = 20_100_227;

    /// <summary>How many subjects per class get an expert (gold) label for tutorials and feedback.</summary>
    [Range(0, 1000)]
    public int GoldPerClass { get; set; } = 5;
}
