namespace QuakeDetective.Core.Privacy;

public enum ErasureOutcome
{
    /// <summary>Personal data deleted; votes kept under a fresh pseudonym nobody can link back.</summary>
    Erased,

    /// <summary>Nothing stored for this owner (unknown account, or a browser that never voted).</summary>
    NothingStored,

    /// <summary>Refused: the account is the only administrator left.</summary>
    LastAdmin,
}
