namespace QuakeDetective.Core.Consensus;

/// <summary>What an aggregator produced: one consensus per subject (in the vote set's subject order), volunteer skill where the method estimates it, and EM diagnostics.</summary>
public sealed class AggregationResult
{
    private Dictionary<string, SubjectConsensus>? _bySubject;

    /// <summary>The method's name, e.g. "majority", "weighted", "dawid-skene".</summary>
    public required string Method { get; init; }

    public required IReadOnlyList<string> Classes { get; init; }

    public required IReadOnlyList<SubjectConsensus> Subjects { get; init; }

    /// <summary>Per-volunteer skill: gold confusion and weights (weighted), EM confusion (Dawid–Skene); empty for majority.</summary>
    public IReadOnlyList<VolunteerSkill> Volunteers { get; init; } = [];

    /// <summary>Estimated class priors (Dawid–Skene), aligned with <see cref="Classes"/>; null otherwise.</summary>
    public IReadOnlyList<double>? ClassPriors { get; init; }

    /// <summary>EM iterations run (0 for the vote methods).</summary>
    public int Iterations { get; init; }

    /// <summary>False only when EM stopped at its iteration cap.</summary>
    public bool Converged { get; init; } = true;

    /// <summary>Final marginal log-likelihood of the votes (Dawid–Skene); null otherwise.</summary>
    public double? LogLikelihood { get; init; }

    /// <summary>The consensus of one subject, or null when it had no votes.</summary>
    public SubjectConsensus? Find(string subjectId)
    {
        _bySubject ??= Subjects.ToDictionary(s => s.SubjectId, StringComparer.Ordinal);
        return _bySubject.GetValueOrDefault(subjectId);
    }
}
