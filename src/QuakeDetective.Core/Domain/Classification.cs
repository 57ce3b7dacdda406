namespace QuakeDetective.Core.Domain;

/// <summary>One volunteer's vote on one subject. The database allows one per volunteer and subject.</summary>
public class Classification
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public Subject? Subject { get; set; }

    public long VolunteerId { get; set; }

    public Volunteer? Volunteer { get; set; }

    public required string Answer { get; set; }

    /// <summary>When the subject was shown (from the client); null when unknown.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When the answer was stored.</summary>
    public DateTime FinishedAt { get; set; }

    /// <summary>Time taken to answer, milliseconds; null when unknown.</summary>
    public int? DurationMs { get; set; }

    /// <summary>Client-chosen key: the same key again returns the same vote instead of counting twice.</summary>
    public required string IdempotencyKey { get; set; }
}
