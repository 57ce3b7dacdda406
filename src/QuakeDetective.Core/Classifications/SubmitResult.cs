namespace QuakeDetective.Core.Classifications;

public sealed record SubmitResult(SubmitOutcome Outcome, long? ClassificationId, string? Message = null, bool Retired = false);
