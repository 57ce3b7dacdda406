namespace QuakeDetective.Core.Results;

public enum SubjectSort
{
    Id,
    Confidence,
    Agreement,
    Votes,
    WindowStart,
    Station,
}
