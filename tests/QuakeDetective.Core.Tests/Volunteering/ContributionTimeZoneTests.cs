using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Tests.Volunteering;

/// <summary>Streaks and "today" follow the volunteer's own calendar, not UTC's.</summary>
public sealed class ContributionTimeZoneTests
{
    private static readonly TimeZoneInfo NewYork = VolunteerTimeZone.Resolve("America/New_York");
    private static readonly TimeZoneInfo Tokyo = VolunteerTimeZone.Resolve("Asia/Tokyo");

    private static ContributionVote At(DateTime utc) => new(0, "Noise", utc, 5000, null, false, null);

    [Fact]
    public void Compute_VoteAt2330LocalWestOfUtc_CountsOnTheLocalDayNotTheUtcDay()
    {
        // New York in January is UTC−5: 23:30 on the 9th there is 04:30 on the 10th in UTC.
        var lateEvening = At(new DateTime(2026, 1, 10, 4, 30, 0, DateTimeKind.Utc));
        var nextNoon = At(new DateTime(2026, 1, 10, 17, 0, 0, DateTimeKind.Utc));
        var now = new DateTimeOffset(2026, 1, 10, 23, 0, 0, TimeSpan.Zero);

        var local = ContributionStatsCalculator.Compute([lateEvening, nextNoon], DefaultAnswers.All, now, NewYork);
        var utc = ContributionStatsCalculator.Compute([lateEvening, nextNoon], DefaultAnswers.All, now, TimeZoneInfo.Utc);

        Assert.Equal((2, 2, 1), (local.CurrentStreakDays, local.ActiveDays, local.Today));
        Assert.Equal((1, 1, 2), (utc.CurrentStreakDays, utc.ActiveDays, utc.Today));
        Assert.Equal("America/New_York", local.TimeZoneId);
        Assert.Equal("UTC", utc.TimeZoneId);
    }

    [Fact]
    public void Compute_VoteAt2330LocalEastOfUtc_StreakStillAliveTheNextLocalDay()
    {
        // Tokyo is UTC+9: 23:30 on the 10th there is 14:30 on the 10th in UTC; 00:30 on the 12th there is 15:30 on the 11th.
        var votes = new[]
        {
            At(new DateTime(2026, 1, 9, 3, 0, 0, DateTimeKind.Utc)),   // 12:00 on the 9th in Tokyo
            At(new DateTime(2026, 1, 10, 14, 30, 0, DateTimeKind.Utc)), // 23:30 on the 10th in Tokyo
        };
        var now = new DateTimeOffset(2026, 1, 11, 15, 30, 0, TimeSpan.Zero); // 00:30 on the 12th in Tokyo, still the 11th in UTC

        var local = ContributionStatsCalculator.Compute(votes, DefaultAnswers.All, now, Tokyo);
        var utc = ContributionStatsCalculator.Compute(votes, DefaultAnswers.All, now, TimeZoneInfo.Utc);

        // In Tokyo the last answer was on the 10th and it is now the 12th: the streak of two days has lapsed.
        Assert.Equal(0, local.CurrentStreakDays);
        Assert.Equal(2, local.LongestStreakDays);

        // In UTC the last answer was "yesterday" (the 10th), so the same answers still show a live streak.
        Assert.Equal(2, utc.CurrentStreakDays);
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData(null, "UTC")]
    [InlineData("", "UTC")]
    [InlineData("Not/AZone", "UTC")]
    [InlineData("../../etc/passwd", "UTC")]
    [InlineData("Europe/Berlin; drop table", "UTC")]
    public void Resolve_KnownIanaIdsOrUtc(string? id, string expected)
    {
        var zone = VolunteerTimeZone.Resolve(id);

        Assert.Equal(expected, zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);
    }
}
