namespace QuakeDetective.Web.Background;

/// <summary>The queued job, or what was wrong with the form (one message the page shows as it is).</summary>
public sealed record ImportFormOutcome(long? JobId, string? Error)
{
    public static ImportFormOutcome Queued(long jobId) => new(jobId, null);

    public static ImportFormOutcome Rejected(string error) => new(null, error);
}
