namespace QuakeDetective.Core.Volunteering;

/// <summary>A volunteer's progress: what the "My contributions" page shows.</summary>
public sealed record ContributionStats
{
    /// <summary>Milestones (answers) celebrated on the page.</summary>
    public static IReadOnlyList<int> Milestones { get; } = [1, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000];

    public required int Total { get; init; }

    /// <summary>Answers per class, the campaign's answers first in button order, then any others.</summary>
    public required IReadOnlyList<AnswerCount> ByAnswer { get; init; }

    /// <summary>Answered subjects that have retired with a clear consensus.</summary>
    public required int WithConsensus { get; init; }

    public required int AgreedWithConsensus { get; init; }

    /// <summary>Answered subjects that are retired but still waiting for their consensus (or were split evenly).</summary>
    public required int AwaitingConsensus { get; init; }

    public required int GoldAnswered { get; init; }

    public required int GoldAgreed { get; init; }

    /// <summary>Answers today, in <see cref="TimeZoneId"/>.</summary>
    public required int Today { get; init; }

    /// <summary>The IANA time zone days are counted in ("UTC" when the browser did not say).</summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Consecutive days (in <see cref="TimeZoneId"/>) with at least one answer, ending today or yesterday.</summary>
    public required int CurrentStreakDays { get; init; }

    public required int LongestStreakDays { get; init; }

    public required int ActiveDays { get; init; }

    /// <summary>The largest milestone reached, or null before the first answer.</summary>
    public required int? LastMilestone { get; init; }

    /// <summary>The next milestone, or null past the last one.</summary>
    public required int? NextMilestone { get; init; }

    /// <summary>Median time to answer, seconds, over answers where it is known.</summary>
    public required double? MedianSeconds { get; init; }

    public required DateTime? FirstAnswerAt { get; init; }

    public required DateTime? LastAnswerAt { get; init; }

    /// <summary>Share of retired subjects where the volunteer agreed with the consensus, or null before any retired.</summary>
    public double? ConsensusAgreement => WithConsensus == 0 ? null : (double)AgreedWithConsensus / WithConsensus;

    public double? GoldAgreement => GoldAnswered == 0 ? null : (double)GoldAgreed / GoldAnswered;

    /// <summary>Progress from the last milestone to the next, 0–1.</summary>
    public double MilestoneProgress => NextMilestone is not { } next
        ? 1
        : (double)(Total - (LastMilestone ?? 0)) / (next - (LastMilestone ?? 0));
}
