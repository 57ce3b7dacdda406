namespace QuakeDetective.Core.Results;

/// <summary>Which subjects of a campaign to list, in what order, which page. Labels and confidence refer to <see cref="Method"/>.</summary>
public sealed record SubjectFilter
{
    public required int CampaignId { get; init; }

    /// <summary>Consensus method for label, confidence and agreement; null = the campaign's primary method.</summary>
    public string? Method { get; init; }

    /// <summary>Consensus label; "none" for subjects without a consensus yet; null = any.</summary>
    public string? Label { get; init; }

    public double? MinConfidence { get; init; }

    public double? MaxConfidence { get; init; }

    /// <summary>Part of NET.STA.LOC, case-insensitive.</summary>
    public string? Station { get; init; }

    /// <summary>Windows starting at or after (UTC).</summary>
    public DateTime? From { get; init; }

    /// <summary>Windows starting before (UTC).</summary>
    public DateTime? To { get; init; }

    /// <summary>"active", "retired", or null for both.</summary>
    public string? Status { get; init; }

    /// <summary>Only subjects with an expert label.</summary>
    public bool GoldOnly { get; init; }

    /// <summary>Only gold subjects whose consensus differs from the expert label.</summary>
    public bool DisagreesWithGold { get; init; }

    public SubjectSort Sort { get; init; } = SubjectSort.Id;

    public bool Descending { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}
