namespace QuakeDetective.Core.Domain;

public enum SubjectStatus
{
    Active = 0,
    Retired = 1,
}
