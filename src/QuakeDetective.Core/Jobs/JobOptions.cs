using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Core.Jobs;

/// <summary>Configuration section "Jobs": how instances share background work through the database.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>A running job whose owner has not beaten its heartbeat for this long is treated as abandoned (its instance died).</summary>
    [Range(1, 3600)]
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>How often an idle worker looks in the database for jobs queued by other instances.</summary>
    [Range(0.05, 60)]
    public double PollSeconds { get; set; } = 1.5;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    /// <summary>Four beats per lease (at most every 10 s), so that one slow write never makes a live job look abandoned.</summary>
    public TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Min(LeaseSeconds / 4, 10));
}
