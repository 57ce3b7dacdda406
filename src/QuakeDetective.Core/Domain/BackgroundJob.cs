namespace QuakeDetective.Core.Domain;

/// <summary>Long work (import, export, consensus recomputation) with its live progress, visible in the UI and API.</summary>
public class BackgroundJob
{
    public long Id { get; set; }

    /// <summary>import, export, consensus ...</summary>
    public required string Kind { get; set; }

    public int? CampaignId { get; set; }

    public BackgroundJobStatus Status { get; set; } = BackgroundJobStatus.Queued;

    public string Stage { get; set; } = "queued";

    public double Percent { get; set; }

    /// <summary>Human-readable summary or error (e.g. "3 files imported, 1 skipped: bad.mseed byte 4096: ...").</summary>
    public string? Message { get; set; }

    /// <summary>Request parameters as JSON.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>Result file (relative to the data folder) for exports.</summary>
    public string? ResultPath { get; set; }

    public string? RequestedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The instance (host name + process id + start) that claimed the work; null while queued.</summary>
    public string? Owner { get; set; }

    /// <summary>Last sign of life from the owner. A running row whose heartbeat is older than the lease is treated as
    /// abandoned (its instance died) and marked interrupted by whichever instance notices first.</summary>
    public DateTime? HeartbeatAt { get; set; }
}
