namespace QuakeDetective.Core.Domain;

/// <summary>The aggregated label of a subject by one method, with its confidence and when it was computed.</summary>
public class ConsensusResult
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public Subject? Subject { get; set; }

    /// <summary>majority, weighted or dawid-skene.</summary>
    public required string Method { get; set; }

    public required string Label { get; set; }

    /// <summary>Posterior probability of the label.</summary>
    public double Confidence { get; set; }

    /// <summary>Share of votes for the label.</summary>
    public double Agreement { get; set; }

    public int VoteCount { get; set; }

    public bool IsTie { get; set; }

    /// <summary>Votes per answer as JSON, e.g. {"Earthquake":7,"Noise":3}.</summary>
    public string VotesPerAnswerJson { get; set; } = "{}";

    public DateTime ComputedAt { get; set; }
}
