namespace QuakeDetective.Core.Queue;

/// <summary>Why the queue chose a subject (logged, and useful in tests and simulations).</summary>
public enum QueuePickReason
{
    /// <summary>The subject with the most votes, so that work finishes (priority breaks ties).</summary>
    NearestRetirement,

    /// <summary>No subject has votes yet among the candidates: the highest priority (e.g. model uncertainty) first.</summary>
    Priority,

    /// <summary>One of the campaign's random-share picks.</summary>
    Random,

    /// <summary>An expert-labelled subject injected for feedback and skill estimation.</summary>
    Gold,
}
