namespace QuakeDetective.Core.Consensus;

/// <summary>Options of the reliability-weighted vote.</summary>
public sealed record WeightedVoteOptions
{
    /// <summary>
    /// Strength of the prior, in gold votes: a volunteer's class weight is
    /// (n·F1 + PriorStrength·prior) / (n + PriorStrength), n = the volunteer's gold votes bearing on the class.
    /// 0 uses the raw F1 wherever the volunteer has gold history for the class, the prior elsewhere.
    /// </summary>
    public double PriorStrength { get; init; } = 5;

    /// <summary>Weight used as the prior when no gold vote at all bears on a class (and for every class without gold).</summary>
    public double DefaultWeight { get; init; } = 1;

    /// <summary>
    /// Optional fixed multipliers per volunteer id (e.g. 0 for a banned account, 0.5 for a machine
    /// vote); volunteers not listed get 1.
    /// </summary>
    public IReadOnlyDictionary<string, double>? VolunteerWeights { get; init; }

    /// <summary>
    /// Optional fixed prior weight per class (by label), used instead of the F1 of the vote set's own pooled gold
    /// votes. The live path passes the campaign-wide prior here, because it aggregates one subject with only its
    /// voters' gold history; classes not listed fall back to the pooled value.
    /// </summary>
    public IReadOnlyDictionary<string, double>? ClassPrior { get; init; }

    public void Validate()
    {
        if (!(PriorStrength >= 0) || double.IsInfinity(PriorStrength))
        {
            throw new ArgumentException($"PriorStrength must be a finite number ≥ 0, got {PriorStrength}.");
        }

        if (!(DefaultWeight > 0) || double.IsInfinity(DefaultWeight))
        {
            throw new ArgumentException($"DefaultWeight must be a finite number > 0, got {DefaultWeight}.");
        }

        foreach (var (label, prior) in ClassPrior ?? new Dictionary<string, double>())
        {
            if (!(prior >= 0) || double.IsInfinity(prior))
            {
                throw new ArgumentException($"The prior weight of class '{label}' must be a finite number ≥ 0, got {prior}.");
            }
        }

        foreach (var (volunteer, weight) in VolunteerWeights ?? new Dictionary<string, double>())
        {
            if (!(weight >= 0) || double.IsInfinity(weight))
            {
                throw new ArgumentException($"The weight of volunteer '{volunteer}' must be a finite number ≥ 0, got {weight}.");
            }
        }
    }
}
