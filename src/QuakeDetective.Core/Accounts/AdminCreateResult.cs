namespace QuakeDetective.Core.Accounts;

public sealed record AdminCreateResult(bool Succeeded, bool Created, string? Error)
{
    public static AdminCreateResult Failed(string error) => new(false, false, error);
}
