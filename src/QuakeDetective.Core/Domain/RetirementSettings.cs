namespace QuakeDetective.Core.Domain;

/// <summary>When a subject stops being shown: after <see cref="MaxVotes"/> counted votes, or earlier on strong agreement.</summary>
public class RetirementSettings
{
    public int MaxVotes { get; set; } = 10;

    public bool EarlyConsensusEnabled { get; set; } = true;

    /// <summary>
    /// Early-consensus thresholds as "minVotes-maxVotes:agreement" separated by ';'
    /// (default: all of 4–5 agree, at least 80 % of 6–7, at least 70 % of 8–10).
    /// </summary>
    public string EarlyConsensusRules { get; set; } = "4-5:1.0;6-7:0.8;8-10:0.7";
}
