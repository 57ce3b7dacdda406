namespace QuakeDetective.Core.Simulation;

/// <summary>
/// A synthetic campaign: how many subjects, volunteers and votes, and how the volunteers behave. The
/// defaults imitate the original Earthquake Detective project: noise common and tremor rare; tremor the
/// hardest class (mean volunteer F1 ≈ 0.4) and earthquakes ≈ 0.78; a few very active volunteers and
/// many occasional ones; some careless volunteers answering at random or always the same.
/// </summary>
public sealed record CampaignSimulationOptions
{
    public static IReadOnlyList<string> DefaultClasses { get; } = ["Earthquake", "Tremor", "Noise", "None of the above"];

    public int Subjects { get; init; } = 10_000;

    public int Volunteers { get; init; } = 500;

    public int VotesPerSubject { get; init; } = 10;

    /// <summary>Every random draw comes from one generator seeded with this, so a seed gives one campaign.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Answer classes; <see cref="ClassPriors"/> and <see cref="BaseConfusion"/> follow this order.</summary>
    public IReadOnlyList<string> Classes { get; init; } = DefaultClasses;

    /// <summary>Share of subjects of each class (normalised).</summary>
    public IReadOnlyList<double> ClassPriors { get; init; } = [0.22, 0.06, 0.57, 0.15];

    /// <summary>
    /// The typical volunteer's P(answer | true class), row-major K×K (rows true class). Each volunteer's
    /// diagonal is shifted by their own skill offset and the errors rescaled to keep rows summing to 1.
    /// </summary>
    public IReadOnlyList<double> BaseConfusion { get; init; } =
    [
        0.87, 0.05, 0.05, 0.03,
        0.14, 0.50, 0.27, 0.09,
        0.04, 0.05, 0.83, 0.08,
        0.05, 0.04, 0.25, 0.66,
    ];

    /// <summary>Standard deviation of the per-volunteer skill offset added to the diagonal.</summary>
    public double SkillSpread { get; init; } = 0.15;

    /// <summary>
    /// When set, every regular volunteer answers right with this probability and otherwise picks a wrong
    /// class uniformly (equal, symmetric skill); <see cref="BaseConfusion"/> and <see cref="SkillSpread"/> are then unused.
    /// </summary>
    public double? UniformAccuracy { get; init; }

    /// <summary>Share of careless volunteers; half answer uniformly at random, half always give one answer.</summary>
    public double SpammerFraction { get; init; } = 0.08;

    /// <summary>Pareto shape of volunteer activity (smaller = heavier tail); null gives every volunteer the same activity.</summary>
    public double? ActivityShape { get; init; } = 1.1;

    /// <summary>Share of subjects with an expert (gold) label; accuracy is measured on the others.</summary>
    public double GoldFraction { get; init; } = 0.05;

    /// <summary>Volunteers with fewer votes than this are left out of the mean volunteer F1.</summary>
    public int MinVotesForVolunteerF1 { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        var k = Classes?.Count ?? 0;
        Check(Subjects >= 1, $"The number of subjects must be at least 1 (got {Subjects}).");
        Check(Volunteers >= 1, $"The number of volunteers must be at least 1 (got {Volunteers}).");
        Check(VotesPerSubject >= 1, $"The number of votes per subject must be at least 1 (got {VotesPerSubject}).");
        Check(VotesPerSubject <= Volunteers, $"Each subject needs {VotesPerSubject} different volunteers but there are only {Volunteers}; lower the votes per subject or add volunteers.");
        Check((long)Subjects * VotesPerSubject <= 50_000_000, $"{(long)Subjects * VotesPerSubject} votes is more than the simulator's limit of 50,000,000.");
        Check(k >= 2 && Classes!.Distinct(StringComparer.Ordinal).Count() == k && Classes!.All(c => !string.IsNullOrEmpty(c)), "At least two distinct, non-empty classes are needed.");
        Check(ClassPriors?.Count == k && ClassPriors.All(p => p >= 0 && double.IsFinite(p)) && ClassPriors.Sum() > 0, $"ClassPriors needs {k} finite non-negative values, not all 0.");
        Check(BaseConfusion?.Count == k * k && BaseConfusion.All(p => p >= 0 && double.IsFinite(p)), $"BaseConfusion needs {k}×{k} finite non-negative values.");
        Check(SkillSpread >= 0 && double.IsFinite(SkillSpread), $"SkillSpread must be ≥ 0 (got {SkillSpread}).");
        Check(UniformAccuracy is null || (UniformAccuracy >= 0 && UniformAccuracy <= 1), $"UniformAccuracy must be in [0, 1] (got {UniformAccuracy}).");
        Check(SpammerFraction >= 0 && SpammerFraction <= 1, $"SpammerFraction must be in [0, 1] (got {SpammerFraction}).");
        Check(ActivityShape is null || (ActivityShape > 0 && double.IsFinite(ActivityShape.Value)), $"ActivityShape must be > 0 (got {ActivityShape}).");
        Check(GoldFraction >= 0 && GoldFraction < 1, $"GoldFraction must be in [0, 1) (got {GoldFraction}).");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
