namespace QuakeDetective.Core.Volunteering;

/// <summary>Turns a volunteer's votes into <see cref="ContributionStats"/>. Pure: the database side supplies the votes and "now".</summary>
public static class ContributionStatsCalculator
{
    /// <summary>Days (today, streaks) counted in UTC; <paramref name="today"/> is the UTC date.</summary>
    public static ContributionStats Compute(IReadOnlyCollection<ContributionVote> votes, IReadOnlyList<string> answerOrder, DateOnly today) =>
        Compute(votes, answerOrder, today, TimeZoneInfo.Utc);

    /// <summary>
    /// Days (today, streaks, active days) counted in the volunteer's own time zone: an answer at 23:30 local time
    /// belongs to that local day whatever the date in UTC.
    /// </summary>
    /// <param name="now">The current instant; its local date in <paramref name="zone"/> is "today".</param>
    public static ContributionStats Compute(IReadOnlyCollection<ContributionVote> votes, IReadOnlyList<string> answerOrder, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Compute(votes, answerOrder, VolunteerTimeZone.LocalDay(now.UtcDateTime, zone), zone);
    }

    private static ContributionStats Compute(IReadOnlyCollection<ContributionVote> votes, IReadOnlyList<string> answerOrder, DateOnly today, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(answerOrder);
        var total = votes.Count;
        var counts = votes.GroupBy(v => v.Answer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var answers = answerOrder.Distinct(StringComparer.Ordinal)
            .Concat(counts.Keys.Where(k => !answerOrder.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
            .Select(a => new AnswerCount(a, counts.GetValueOrDefault(a), total == 0 ? 0 : (double)counts.GetValueOrDefault(a) / total))
            .ToList();

        var withConsensus = votes.Where(v => v.Retired && v.ConsensusLabel is not null).ToList();
        var gold = votes.Where(v => v.ExpertLabel is not null).ToList();
        var days = votes.Select(v => VolunteerTimeZone.LocalDay(v.FinishedAt, zone)).Distinct().Order().ToList();
        var (current, longest) = Streaks(days, today);
        var durations = votes.Where(v => v.DurationMs is > 0).Select(v => v.DurationMs!.Value / 1000.0).Order().ToList();

        return new ContributionStats
        {
            Total = total,
            ByAnswer = answers,
            WithConsensus = withConsensus.Count,
            AgreedWithConsensus = withConsensus.Count(v => string.Equals(v.Answer, v.ConsensusLabel, StringComparison.Ordinal)),
            AwaitingConsensus = votes.Count(v => v.Retired && v.ConsensusLabel is null),
            GoldAnswered = gold.Count,
            GoldAgreed = gold.Count(v => string.Equals(v.Answer, v.ExpertLabel, StringComparison.Ordinal)),
            Today = votes.Count(v => VolunteerTimeZone.LocalDay(v.FinishedAt, zone) == today),
            CurrentStreakDays = current,
            LongestStreakDays = longest,
            ActiveDays = days.Count,
            LastMilestone = ContributionStats.Milestones.Where(m => m <= total).Cast<int?>().LastOrDefault(),
            NextMilestone = ContributionStats.Milestones.Where(m => m > total).Cast<int?>().FirstOrDefault(),
            MedianSeconds = Median(durations),
            FirstAnswerAt = total == 0 ? null : votes.Min(v => v.FinishedAt),
            LastAnswerAt = total == 0 ? null : votes.Max(v => v.FinishedAt),
            TimeZoneId = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id,
        };
    }

    /// <summary>The run of consecutive days ending today or yesterday (a streak is not lost before the day is over), and the longest run.</summary>
    internal static (int Current, int Longest) Streaks(IReadOnlyList<DateOnly> sortedDistinctDays, DateOnly today)
    {
        var longest = 0;
        var run = 0;
        DateOnly? previous = null;
        foreach (var day in sortedDistinctDays)
        {
            run = previous is { } p && p.AddDays(1) == day ? run + 1 : 1;
            longest = Math.Max(longest, run);
            previous = day;
        }

        var current = previous is { } last && (last == today || last == today.AddDays(-1)) ? run : 0;
        return (current, longest);
    }

    private static double? Median(IReadOnlyList<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    };
}
