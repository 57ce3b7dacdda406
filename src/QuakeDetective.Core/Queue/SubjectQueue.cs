using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Queue;

/// <summary>
/// The database side of the volunteer queue: finds eligible candidates with index-friendly queries (active subjects
/// of the campaign the volunteer never answered, by vote count, by priority, from a random place, or gold) and lets
/// <see cref="QueuePolicy"/> choose. The site's classify page and <c>GET /api/subjects/next</c> both call
/// <see cref="NextAsync"/>, so the rules are the same for every client.
/// </summary>
public sealed class SubjectQueue(
    IDbContextFactory<QuakeDbContext> dbFactory,
    QueuePolicy policy,
    QueueReservations reservations,
    TimeProvider time,
    ILogger<SubjectQueue> logger)
{
    /// <summary>Candidates fetched nearest retirement; more than one so that reservations can steer around busy subjects.</summary>
    public const int OrderedCandidates = 16;

    /// <summary>Candidates fetched by priority, so that the most uncertain fresh subject is among those ordered.</summary>
    public const int PriorityCandidates = 8;

    public const int RandomCandidates = 4;

    private static readonly TimeSpan IdRangeLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, (long Min, long Max, long ExpiresAt)> _idRanges = new();

    /// <summary>The next subject for a volunteer in a campaign, or in the campaign they last worked on (else the first
    /// active one with work left) when <paramref name="campaignId"/> is null; null when nothing is left.</summary>
    public Task<QueuedSubject?> NextAsync(long volunteerId, int? campaignId, CancellationToken cancellationToken) =>
        NextAsync(volunteerId, campaignId, exceptSubjectId: null, cancellationToken);

    /// <summary>
    /// As <see cref="NextAsync(long, int?, CancellationToken)"/>, never <paramref name="exceptSubjectId"/>: the classify
    /// page asks for the subject after the one on screen (not answered yet, so otherwise still eligible) to preload it.
    /// </summary>
    public async Task<QueuedSubject?> NextAsync(long volunteerId, int? campaignId, long? exceptSubjectId, CancellationToken cancellationToken)
    {
        foreach (var campaign in await CampaignsToTryAsync(volunteerId, campaignId, cancellationToken))
        {
            var next = await NextInCampaignAsync(volunteerId, campaign, exceptSubjectId, cancellationToken);
            if (next is not null)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a volunteer may (still) be shown a subject: active, in an active campaign, never answered by them, and not
    /// a teaching example. Used to put back the subject a volunteer was looking at when their connection was lost.
    /// </summary>
    public async Task<QueuedSubject?> ResumeAsync(long volunteerId, long subjectId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await db.Subjects.AsNoTracking()
            .Where(s => s.Id == subjectId && s.Status == SubjectStatus.Active && s.Campaign!.Status == CampaignStatus.Active)
            .Where(s => !db.Classifications.Any(c => c.SubjectId == s.Id && c.VolunteerId == volunteerId))
            .Select(s => new { s.Id, s.CampaignId, s.Campaign!.AnswerChoices, IsGold = db.GoldLabels.Any(g => g.SubjectId == s.Id) })
            .FirstOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            return null;
        }

        if (subject.IsGold)
        {
            var gold = await GoldOfCampaignAsync(db, subject.CampaignId, volunteerId, cancellationToken);
            if (TeachingExamples.Select(gold.Select(g => (g.SubjectId, g.Label))).Contains(subject.Id))
            {
                return null;
            }
        }

        reservations.Reserve(subject.Id, volunteerId);
        return new QueuedSubject(subject.Id, subject.CampaignId, subject.AnswerChoices, subject.IsGold ? QueuePickReason.Gold : QueuePickReason.NearestRetirement);
    }

    /// <summary>Forgets that a volunteer holds a subject (they answered it).</summary>
    public void Release(long subjectId, long volunteerId) => reservations.Release(subjectId, volunteerId);

    /// <summary>Another active campaign with work left for this volunteer (oldest first), for the "all done" message.</summary>
    public async Task<CampaignSuggestion?> SuggestOtherCampaignAsync(long volunteerId, int? exceptCampaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Active && c.Id != exceptCampaignId)
            .OrderBy(c => c.Id)
            .Select(c => new CampaignSuggestion(c.Id, c.Name, c.Description))
            .ToListAsync(cancellationToken);
        foreach (var campaign in campaigns)
        {
            var hasWork = await db.Subjects
                .Where(s => s.CampaignId == campaign.CampaignId && s.Status == SubjectStatus.Active)
                .Where(s => !db.Classifications.Any(c => c.SubjectId == s.Id && c.VolunteerId == volunteerId))
                .AnyAsync(cancellationToken);
            if (hasWork)
            {
                return campaign;
            }
        }

        return null;
    }

    private async Task<List<CampaignInfo>> CampaignsToTryAsync(long volunteerId, int? campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Active);
        if (campaignId is not null)
        {
            active = active.Where(c => c.Id == campaignId);
        }

        var campaigns = await active.OrderBy(c => c.Id)
            .Select(c => new CampaignInfo(
                c.Id, c.AnswerChoices, c.Retirement.MaxVotes,
                new QueueSettings
                {
                    RandomShare = c.Queue.RandomShare,
                    GoldRateNewcomer = c.Queue.GoldRateNewcomer,
                    NewcomerClassifications = c.Queue.NewcomerClassifications,
                    GoldRateExperienced = c.Queue.GoldRateExperienced,
                }))
            .ToListAsync(cancellationToken);
        if (campaignId is not null || campaigns.Count < 2)
        {
            return campaigns;
        }

        // Without a campaign in the request, carry on where the volunteer left off.
        var last = await db.Classifications.AsNoTracking().Where(c => c.VolunteerId == volunteerId)
            .OrderByDescending(c => c.Id).Select(c => (int?)c.Subject!.CampaignId).FirstOrDefaultAsync(cancellationToken);
        return [.. campaigns.OrderBy(c => c.Id == last ? 0 : 1).ThenBy(c => c.Id)];
    }

    private async Task<QueuedSubject?> NextInCampaignAsync(long volunteerId, CampaignInfo campaign, long? exceptSubjectId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Only "is this a newcomer" matters, so counting stops at the newcomer threshold.
        var newcomerLimit = Math.Max(campaign.Queue.NewcomerClassifications, 0);
        var answered = newcomerLimit == 0
            ? 0
            : await db.Classifications.Where(c => c.VolunteerId == volunteerId && c.Subject!.CampaignId == campaign.Id)
                .Take(newcomerLimit).CountAsync(cancellationToken);
        // A preloaded subject is shown after the one on screen is answered: it is one further into the volunteer's
        // work, which matters for the newcomers' gold rate.
        var draw = policy.Draw(campaign.Queue, exceptSubjectId is null ? answered : answered + 1);

        var sources = new QueueSources(
            ct => Except(GoldCandidatesAsync(db, campaign.Id, volunteerId, ct), exceptSubjectId),
            ct => Except(RandomCandidatesAsync(db, campaign.Id, volunteerId, ct), exceptSubjectId),
            ct => Except(OrderedCandidatesAsync(db, campaign.Id, volunteerId, ct), exceptSubjectId));
        var pick = await policy.ChooseAsync(draw, sources, campaign.MaxVotes, cancellationToken);
        if (pick is not { } chosen)
        {
            return null;
        }

        reservations.Reserve(chosen.SubjectId, volunteerId);
        logger.LogDebug("Queue gave subject {SubjectId} ({Reason}) to volunteer {VolunteerId} in campaign {CampaignId}",
            chosen.SubjectId, chosen.Reason, volunteerId, campaign.Id);
        return new QueuedSubject(chosen.SubjectId, campaign.Id, campaign.Choices, chosen.Reason);
    }

    private static async Task<IReadOnlyList<QueueCandidate>> Except(Task<IReadOnlyList<QueueCandidate>> candidates, long? exceptSubjectId)
    {
        var list = await candidates;
        return exceptSubjectId is { } except ? list.Where(c => c.SubjectId != except).ToList() : list;
    }

    /// <summary>Active subjects without a gold label that this volunteer never answered.</summary>
    private static IQueryable<Subject> Eligible(QuakeDbContext db, int campaignId, long volunteerId) =>
        db.Subjects.AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.Status == SubjectStatus.Active)
            .Where(s => !db.Classifications.Any(c => c.SubjectId == s.Id && c.VolunteerId == volunteerId))
            .Where(s => !db.GoldLabels.Any(g => g.SubjectId == s.Id));

    private async Task<IReadOnlyList<QueueCandidate>> OrderedCandidatesAsync(QuakeDbContext db, int campaignId, long volunteerId, CancellationToken cancellationToken)
    {
        // Walks the (CampaignId, Status, VoteCount) index from the top and stops after a handful of rows.
        var nearest = await Eligible(db, campaignId, volunteerId)
            .OrderByDescending(s => s.VoteCount)
            .Select(s => new { s.Id, s.VoteCount, s.Priority })
            .Take(OrderedCandidates)
            .ToListAsync(cancellationToken);

        // Walks the (CampaignId, Status, Priority) index from the top; returns nothing at once when no subject has a priority.
        var prioritised = await Eligible(db, campaignId, volunteerId)
            .Where(s => s.Priority != null)
            .OrderByDescending(s => s.Priority)
            .Select(s => new { s.Id, s.VoteCount, s.Priority })
            .Take(PriorityCandidates)
            .ToListAsync(cancellationToken);

        return nearest.Concat(prioritised).DistinctBy(s => s.Id)
            .Select(s => new QueueCandidate(s.Id, s.VoteCount, s.Priority, reservations.CountOthers(s.Id, volunteerId)))
            .ToList();
    }

    private async Task<IReadOnlyList<QueueCandidate>> RandomCandidatesAsync(QuakeDbContext db, int campaignId, long volunteerId, CancellationToken cancellationToken)
    {
        var (min, max) = await IdRangeAsync(db, campaignId, cancellationToken);
        if (max < min)
        {
            return [];
        }

        // A random point in the campaign's id range, then the next eligible subjects by primary key (wrapping around).
        var start = policy.RandomStart(min, max);
        var after = await Eligible(db, campaignId, volunteerId).Where(s => s.Id >= start)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.VoteCount, s.Priority }).Take(RandomCandidates)
            .ToListAsync(cancellationToken);
        if (after.Count == 0)
        {
            after = await Eligible(db, campaignId, volunteerId).Where(s => s.Id < start)
                .OrderBy(s => s.Id).Select(s => new { s.Id, s.VoteCount, s.Priority }).Take(RandomCandidates)
                .ToListAsync(cancellationToken);
        }

        return after.Select(s => new QueueCandidate(s.Id, s.VoteCount, s.Priority, reservations.CountOthers(s.Id, volunteerId))).ToList();
    }

    private static async Task<IReadOnlyList<QueueCandidate>> GoldCandidatesAsync(QuakeDbContext db, int campaignId, long volunteerId, CancellationToken cancellationToken)
    {
        var gold = await GoldOfCampaignAsync(db, campaignId, volunteerId, cancellationToken);
        var examples = TeachingExamples.Select(gold.Select(g => (g.SubjectId, g.Label)));
        return gold.Where(g => g.Active && !g.Answered && !examples.Contains(g.SubjectId))
            .Select(g => new QueueCandidate(g.SubjectId, g.VoteCount, null))
            .ToList();
    }

    /// <summary>Every gold subject of the campaign (active or not, so that the teaching examples stay the same ones).</summary>
    private static Task<List<GoldRow>> GoldOfCampaignAsync(QuakeDbContext db, int campaignId, long volunteerId, CancellationToken cancellationToken) =>
        db.GoldLabels.AsNoTracking()
            .Where(g => g.Subject!.CampaignId == campaignId)
            .Select(g => new GoldRow(
                g.SubjectId,
                g.Label,
                g.Subject!.Status == SubjectStatus.Active,
                g.Subject.VoteCount,
                db.Classifications.Any(c => c.SubjectId == g.SubjectId && c.VolunteerId == volunteerId)))
            .ToListAsync(cancellationToken);

    private async Task<(long Min, long Max)> IdRangeAsync(QuakeDbContext db, int campaignId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_idRanges.TryGetValue(campaignId, out var cached) && cached.ExpiresAt > now)
        {
            return (cached.Min, cached.Max);
        }

        // The range of the open subjects only: old subjects retire first, and a random start among them would walk
        // through long runs of retired rows before finding an open one.
        var ids = db.Subjects.Where(s => s.CampaignId == campaignId && s.Status == SubjectStatus.Active);
        var min = await ids.MinAsync(s => (long?)s.Id, cancellationToken) ?? 0;
        var max = await ids.MaxAsync(s => (long?)s.Id, cancellationToken) ?? -1;
        _idRanges[campaignId] = (min, max, now + (long)(IdRangeLifetime.TotalSeconds * time.TimestampFrequency));
        return (min, max);
    }

    private sealed record CampaignInfo(int Id, IReadOnlyList<string> Choices, int MaxVotes, QueueSettings Queue);

    private sealed record GoldRow(long SubjectId, string Label, bool Active, int VoteCount, bool Answered);
}
