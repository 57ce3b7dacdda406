namespace QuakeDetective.Core.Domain;

public enum BackgroundJobStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Cancelled = 4,
    Interrupted = 5,
}
