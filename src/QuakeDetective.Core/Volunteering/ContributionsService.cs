using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Volunteering;

/// <summary>
/// A volunteer's contributions for the "My contributions" page. Agreement with consensus uses the stored consensus
/// (<see cref="ConsensusResult"/>, the campaign's primary method first) of retired subjects; where none is stored yet,
/// the majority of the subject's votes (<see cref="MajorityVoteAggregator"/>) stands in, and an even split counts as
/// no consensus.
/// </summary>
public sealed class ContributionsService(IDbContextFactory<QuakeDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Whether the volunteer has answered anything at all (a first visit shows the tutorial).</summary>
    public async Task<bool> HasContributedAsync(long volunteerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Classifications.AnyAsync(c => c.VolunteerId == volunteerId, cancellationToken);
    }

    /// <summary>The volunteer's contributions with days counted in UTC.</summary>
    public Task<ContributionStats> GetAsync(long volunteerId, CancellationToken cancellationToken) =>
        GetAsync(volunteerId, TimeZoneInfo.Utc, cancellationToken);

    /// <summary>The volunteer's contributions with days (today, streaks) counted in their own time zone.</summary>
    public async Task<ContributionStats> GetAsync(long volunteerId, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == volunteerId)
            .Select(c => new
            {
                c.SubjectId,
                c.Answer,
                c.FinishedAt,
                c.DurationMs,
                Retired = c.Subject!.Status == SubjectStatus.Retired,
                Expert = db.GoldLabels.Where(g => g.SubjectId == c.SubjectId).Select(g => g.Label).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var consensus = await StoredConsensusAsync(db, volunteerId, cancellationToken);
        var missing = rows.Where(r => r.Retired && !consensus.ContainsKey(r.SubjectId)).Select(r => r.SubjectId).ToHashSet();
        if (missing.Count > 0)
        {
            foreach (var (subjectId, label) in await MajorityOfRetiredAsync(db, volunteerId, cancellationToken))
            {
                if (missing.Contains(subjectId))
                {
                    consensus[subjectId] = label;
                }
            }
        }

        var answerOrder = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == volunteerId)
            .Select(c => c.Subject!.CampaignId).Distinct()
            .Join(db.Campaigns, id => id, c => c.Id, (_, c) => c)
            .OrderBy(c => c.Id)
            .Select(c => c.AnswerChoices)
            .FirstOrDefaultAsync(cancellationToken) ?? [.. DefaultAnswers.All];

        var votes = rows.Select(r => new ContributionVote(
                r.SubjectId, r.Answer, r.FinishedAt, r.DurationMs, r.Expert, r.Retired, consensus.GetValueOrDefault(r.SubjectId)))
            .ToList();
        return ContributionStatsCalculator.Compute(votes, answerOrder, time.GetUtcNow(), timeZone);
    }

    /// <summary>Consensus rows of the volunteer's retired subjects: the campaign's primary method, else majority, else any.</summary>
    private static async Task<Dictionary<long, string?>> StoredConsensusAsync(QuakeDbContext db, long volunteerId, CancellationToken cancellationToken)
    {
        var stored = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == volunteerId && c.Subject!.Status == SubjectStatus.Retired)
            .Join(db.ConsensusResults, c => c.SubjectId, r => r.SubjectId, (c, r) => new
            {
                r.SubjectId,
                r.Method,
                r.Label,
                r.IsTie,
                Primary = c.Subject!.Campaign!.PrimaryConsensusMethod,
            })
            .ToListAsync(cancellationToken);
        return stored.GroupBy(r => r.SubjectId).ToDictionary(
            g => g.Key,
            g =>
            {
                var best = g.OrderBy(r => r.Method == r.Primary ? 0 : r.Method == AggregationMethods.Majority ? 1 : 2).ThenBy(r => r.Method, StringComparer.Ordinal).First();
                return best.IsTie ? null : best.Label;
            });
    }

    /// <summary>Majority of all votes on the volunteer's retired subjects that have no stored consensus.</summary>
    private static async Task<Dictionary<long, string?>> MajorityOfRetiredAsync(QuakeDbContext db, long volunteerId, CancellationToken cancellationToken)
    {
        var votes = await db.Classifications.AsNoTracking()
            .Where(mine => mine.VolunteerId == volunteerId && mine.Subject!.Status == SubjectStatus.Retired)
            .Where(mine => !db.ConsensusResults.Any(r => r.SubjectId == mine.SubjectId))
            .Join(db.Classifications, mine => mine.SubjectId, other => other.SubjectId, (_, other) => new { other.SubjectId, other.VolunteerId, other.Answer })
            .ToListAsync(cancellationToken);
        if (votes.Count == 0)
        {
            return [];
        }

        var set = VoteSet.Create(votes.Select(v => new Vote(
            v.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            v.VolunteerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            v.Answer)));
        var result = new MajorityVoteAggregator().Aggregate(set, gold: null, cancellationToken);
        return result.Subjects.ToDictionary(
            s => long.Parse(s.SubjectId, System.Globalization.CultureInfo.InvariantCulture),
            s => s.IsTie ? null : s.Label);
    }
}
