namespace QuakeDetective.Core.Domain;

/// <summary>One request to retrain, with its live stage and progress.</summary>
public class TrainingRun
{
    public long Id { get; set; }

    public int? CampaignId { get; set; }

    public TrainingRunStatus Status { get; set; } = TrainingRunStatus.Queued;

    public string Stage { get; set; } = "queued";

    public double Percent { get; set; }

    public string? Message { get; set; }

    public string SettingsJson { get; set; } = "{}";

    public int? ModelVersionId { get; set; }

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
