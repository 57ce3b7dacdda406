namespace QuakeDetective.Core.Accounts;

/// <summary>Configuration section "Admin": the first administrator, when given in configuration. No default password exists.</summary>
public sealed class AdminBootstrapOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
