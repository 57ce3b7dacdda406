namespace QuakeDetective.Core.Results;

public enum VolunteerSort
{
    Votes,
    GoldAccuracy,
    DawidSkeneAccuracy,
    GoldVotes,
}
