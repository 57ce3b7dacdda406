using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>Configuration section "RateLimiting": per-volunteer and per-address limits on votes and sign-in.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Votes per volunteer per minute (a person classifies a few per minute; this leaves room for a fast expert).</summary>
    [Range(1, 1_000_000)]
    public int VotesPerVolunteerPerMinute { get; set; } = 120;

    /// <summary>Votes per client address per minute (a museum kiosk or a classroom shares one address).</summary>
    [Range(1, 10_000_000)]
    public int VotesPerAddressPerMinute { get; set; } = 3000;

    /// <summary>Sign-in and registration attempts per address per minute.</summary>
    [Range(1, 100_000)]
    public int SignInsPerAddressPerMinute { get; set; } = 20;
}
