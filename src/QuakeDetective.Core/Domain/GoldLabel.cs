namespace QuakeDetective.Core.Domain;

/// <summary>An expert's label for a subject: feedback for volunteers and the yardstick for their skill.</summary>
public class GoldLabel
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public Subject? Subject { get; set; }

    public required string Label { get; set; }

    /// <summary>Shown to volunteers after they answer ("Experts labelled this Tremor — here is why").</summary>
    public string Explanation { get; set; } = string.Empty;

    public string? ExpertUserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
