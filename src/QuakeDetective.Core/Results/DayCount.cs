namespace QuakeDetective.Core.Results;

/// <summary>Votes stored on one UTC day.</summary>
public sealed record DayCount(DateOnly Day, int Count);
