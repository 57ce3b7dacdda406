namespace QuakeDetective.Core.Domain;

/// <summary>How the volunteer queue picks subjects in a campaign.</summary>
public class QueueSettings
{
    /// <summary>Share of picks made at random among eligible subjects instead of by priority (exploration).</summary>
    public double RandomShare { get; set; } = 0.1;

    /// <summary>Share of gold subjects shown to a newcomer (their first <see cref="NewcomerClassifications"/> answers).</summary>
    public double GoldRateNewcomer { get; set; } = 0.4;

    public int NewcomerClassifications { get; set; } = 20;

    /// <summary>Share of gold subjects shown once a volunteer is past the newcomer stage.</summary>
    public double GoldRateExperienced { get; set; } = 0.1;
}
