namespace QuakeDetective.Core.Privacy;

/// <summary>The account fields of a personal-data download.</summary>
public sealed record PersonalAccount(
    string UserId,
    string? Email,
    string? UserName,
    string? DisplayName,
    DateTime CreatedAt,
    IReadOnlyList<string> Roles);
