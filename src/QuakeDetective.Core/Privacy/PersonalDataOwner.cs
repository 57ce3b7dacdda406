namespace QuakeDetective.Core.Privacy;

/// <summary>
/// Whose personal data a download or an erasure is about: a signed-in account (Identity user id) or, when nobody is
/// signed in, the anonymous browser (the volunteer cookie id). Never both: a signed-in request speaks for the account.
/// </summary>
public sealed record PersonalDataOwner
{
    private PersonalDataOwner(string? userId, Guid? anonymousId)
    {
        UserId = userId;
        AnonymousId = anonymousId;
    }

    public string? UserId { get; }

    public Guid? AnonymousId { get; }

    public bool IsAccount => UserId is not null;

    public static PersonalDataOwner Account(string userId) =>
        new(string.IsNullOrEmpty(userId) ? throw new ArgumentException("An account owner needs a user id.", nameof(userId)) : userId, null);

    public static PersonalDataOwner Browser(Guid anonymousId) =>
        new(null, anonymousId == Guid.Empty ? throw new ArgumentException("An anonymous owner needs a cookie id.", nameof(anonymousId)) : anonymousId);
}
