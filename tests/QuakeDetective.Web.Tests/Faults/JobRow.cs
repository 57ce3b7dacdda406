namespace QuakeDetective.Web.Tests.Faults;

/// <summary>A BackgroundJobs row as the fault tests read it from the database (Status is the stored enum number).</summary>
public readonly record struct JobRow(int Status, string Stage, double Percent, string? Message)
{
    public const int Running = 1;
    public const int Succeeded = 2;
    public const int Interrupted = 5;
}
