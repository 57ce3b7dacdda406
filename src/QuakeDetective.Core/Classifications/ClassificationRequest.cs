namespace QuakeDetective.Core.Classifications;

/// <summary>A vote as it arrives from the page or the API.</summary>
public sealed record ClassificationRequest(long VolunteerId, long SubjectId, string Answer, string IdempotencyKey, DateTime? StartedAt = null);
