namespace QuakeDetective.Core.Consensus.Store;

/// <summary>A campaign's counted votes as vote sets (subject and volunteer ids are the database ids as text).</summary>
public sealed class CampaignVotes
{
    public required int CampaignId { get; init; }

    /// <summary>The campaign's answer choices, then any other label seen in votes or gold; the class order of both sets.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Counted human votes (no expert votes): majority vote, counts and agreement.</summary>
    public required VoteSet Human { get; init; }

    /// <summary>Human votes plus the model's predicted labels when the campaign lets the model vote; the same object otherwise.</summary>
    public required VoteSet WithModel { get; init; }

    public required GoldLabels Gold { get; init; }

    /// <summary>The model that voted, or null.</summary>
    public int? ModelVersionId { get; init; }

    /// <summary>What the estimate depends on (last vote, gold labels, model): a recompute is due when it changes.</summary>
    public required string Fingerprint { get; init; }
}
