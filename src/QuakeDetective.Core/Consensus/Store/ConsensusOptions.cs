using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>Live and background consensus settings (section "Consensus").</summary>
public sealed class ConsensusOptions
{
    public const string SectionName = "Consensus";

    /// <summary>How often Dawid–Skene (and a refresh of the other methods) is re-estimated for campaigns with new votes or gold.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RecomputeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>False turns the schedule off; the Results page and the API can still start a recompute.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How long the campaign-wide prior of the weighted vote is reused by the live path before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PriorCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Subjects written per transaction by a recompute, so that votes keep flowing in between.</summary>
    [Range(50, 20_000)]
    public int WriteChunkSize { get; set; } = 1000;
}
