namespace QuakeDetective.Core.Domain;

/// <summary>What a volunteer classifies: one station, one time window, Z plus horizontals when present.</summary>
public class Subject
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public Campaign? Campaign { get; set; }

    /// <summary>NET.STA.LOC of the instrument.</summary>
    public required string Station { get; set; }

    /// <summary>Channel codes stored in the window, vertical first, comma separated (e.g. "BHZ,BHN,BHE").</summary>
    public required string Channels { get; set; }

    public DateTime WindowStart { get; set; }

    public DateTime WindowEnd { get; set; }

    public double SampleRate { get; set; }

    /// <summary>Path of the stored MiniSEED window, relative to the data folder's waveform store.</summary>
    public required string WaveformPath { get; set; }

    /// <summary>Where the data came from (file name, or "synthetic").</summary>
    public string SourceFile { get; set; } = string.Empty;

    /// <summary>Identifies the same window from the same source, so that importing twice adds nothing.</summary>
    public required string ImportKey { get; set; }

    public string? EventId { get; set; }

    public DateTime? EventOriginTime { get; set; }

    public double? StationLatitude { get; set; }

    public double? StationLongitude { get; set; }

    public double? EventMagnitude { get; set; }

    public double? EventDistanceKm { get; set; }

    public SubjectStatus Status { get; set; } = SubjectStatus.Active;

    public RetirementReason? RetirementReason { get; set; }

    public DateTime? RetiredAt { get; set; }

    /// <summary>Counted volunteer votes (kept with each vote so that the queue need not count).</summary>
    public int VoteCount { get; set; }

    /// <summary>Queue priority (e.g. model uncertainty); higher is shown first. Null when unknown.</summary>
    public double? Priority { get; set; }

    /// <summary>Known class of a generated subject; never shown to volunteers.</summary>
    public string? TrueLabel { get; set; }

    public DateTime CreatedAt { get; set; }
}
