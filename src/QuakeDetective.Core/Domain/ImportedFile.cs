namespace QuakeDetective.Core.Domain;

/// <summary>A waveform file imported into a campaign (one transaction per file), so that a second import skips it.</summary>
public class ImportedFile
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    /// <summary>Path as given (or the upload's file name).</summary>
    public required string Path { get; set; }

    /// <summary>SHA-256 of the content, hex: the same bytes under another name are the same file.</summary>
    public required string Sha256 { get; set; }

    public long SizeBytes { get; set; }

    public int SubjectCount { get; set; }

    public DateTime ImportedAt { get; set; }
}
