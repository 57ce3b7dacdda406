namespace QuakeDetective.Core.Classifications;

public enum SubmitOutcome
{
    /// <summary>A new vote was stored (HTTP 201).</summary>
    Created,

    /// <summary>The same idempotency key again: the vote stored the first time (HTTP 200, never counted twice).</summary>
    Replayed,

    /// <summary>This volunteer already answered this subject with another key (HTTP 409).</summary>
    AlreadyAnswered,

    /// <summary>No such subject (HTTP 400).</summary>
    UnknownSubject,

    /// <summary>The answer is not one of the campaign's choices (HTTP 400).</summary>
    InvalidAnswer,

    /// <summary>The request itself is malformed, e.g. an empty or overlong key (HTTP 400).</summary>
    Invalid,
}
