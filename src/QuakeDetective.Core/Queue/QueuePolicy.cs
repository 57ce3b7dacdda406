using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Queue;

/// <summary>
/// The queue's rules, free of any database: which subject a volunteer sees next among the eligible ones.
/// <list type="number">
/// <item>Gold: with the campaign's newcomer rate for a volunteer's first answers in the campaign, then the experienced
/// rate, an expert-labelled subject is shown (feedback and skill estimation).</item>
/// <item>Random: with the campaign's random share, a subject from a random place (exploration; spreads volunteers out).</item>
/// <item>Otherwise by order: subjects that other volunteers are probably completing right now go last; then the most
/// votes first (nearest retirement, so work finishes); then the highest priority; then the oldest.</item>
/// <item>When the drawn kind has nothing left the next kind is tried, and gold is the last resort before "finished".</item>
/// </list>
/// Eligibility itself (never answered by this volunteer, never retired) is the candidate sources' promise.
/// </summary>
public sealed class QueuePolicy(IQueueRandom random)
{
    /// <summary>The chance of a gold subject for a volunteer who has answered <paramref name="answeredInCampaign"/> subjects of the campaign.</summary>
    public static double GoldRate(QueueSettings settings, int answeredInCampaign)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rate = answeredInCampaign < settings.NewcomerClassifications ? settings.GoldRateNewcomer : settings.GoldRateExperienced;
        return Math.Clamp(double.IsFinite(rate) ? rate : 0, 0, 1);
    }

    /// <summary>Draws the chance part of a decision: always two numbers, so that a seeded sequence stays aligned.</summary>
    public QueueDraw Draw(QueueSettings settings, int answeredInCampaign)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var goldRoll = random.NextDouble();
        var randomRoll = random.NextDouble();
        var randomShare = Math.Clamp(double.IsFinite(settings.RandomShare) ? settings.RandomShare : 0, 0, 1);
        return new QueueDraw(goldRoll < GoldRate(settings, answeredInCampaign), randomRoll < randomShare);
    }

    /// <summary>A uniformly random id in [<paramref name="min"/>, <paramref name="max"/>]: where the random candidates start.</summary>
    public long RandomStart(long min, long max)
    {
        if (max <= min)
        {
            return min;
        }

        var offset = (long)Math.Floor(random.NextDouble() * ((double)(max - min) + 1));
        return Math.Min(min + offset, max);
    }

    /// <summary>Chooses the next subject, fetching candidate lists only as far as needed; null when nothing is left.</summary>
    public async Task<QueuePick?> ChooseAsync(QueueDraw draw, QueueSources sources, int maxVotes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        IReadOnlyList<QueueCandidate>? gold = null;
        if (draw.Gold)
        {
            gold = await sources.Gold(cancellationToken);
            if (PickGold(gold) is { } goldPick)
            {
                return goldPick;
            }
        }

        if (draw.Random && PickRandom(await sources.Random(cancellationToken), maxVotes) is { } randomPick)
        {
            return randomPick;
        }

        if (PickOrdered(await sources.Ordered(cancellationToken), maxVotes) is { } orderedPick)
        {
            return orderedPick;
        }

        // Only expert-labelled subjects are left: they are real work too.
        gold ??= await sources.Gold(cancellationToken);
        return PickGold(gold);
    }

    /// <summary>A gold subject uniformly at random, so that volunteers cannot learn which ones are tests.</summary>
    public QueuePick? PickGold(IReadOnlyList<QueueCandidate> gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        return gold.Count == 0 ? null : new QueuePick(gold[random.Next(gold.Count)].SubjectId, QueuePickReason.Gold);
    }

    /// <summary>The first of the random candidates that nobody else is likely completing; the first of all otherwise.</summary>
    public static QueuePick? PickRandom(IReadOnlyList<QueueCandidate> candidates, int maxVotes)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (!IsCovered(candidate, maxVotes))
            {
                return new QueuePick(candidate.SubjectId, QueuePickReason.Random);
            }
        }

        return new QueuePick(candidates[0].SubjectId, QueuePickReason.Random);
    }

    /// <summary>The best candidate by <see cref="Compare"/>.</summary>
    public static QueuePick? PickOrdered(IReadOnlyList<QueueCandidate> candidates, int maxVotes)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates[0];
        for (var i = 1; i < candidates.Count; i++)
        {
            if (Compare(candidates[i], best, maxVotes) < 0)
            {
                best = candidates[i];
            }
        }

        var reason = best.VoteCount == 0 && best.Priority is not null ? QueuePickReason.Priority : QueuePickReason.NearestRetirement;
        return new QueuePick(best.SubjectId, reason);
    }

    /// <summary>Negative when <paramref name="a"/> should be shown before <paramref name="b"/>.</summary>
    public static int Compare(QueueCandidate a, QueueCandidate b, int maxVotes)
    {
        var covered = IsCovered(a, maxVotes).CompareTo(IsCovered(b, maxVotes));
        if (covered != 0)
        {
            return covered;
        }

        var votes = b.VoteCount.CompareTo(a.VoteCount);
        if (votes != 0)
        {
            return votes;
        }

        var priority = (b.Priority ?? double.NegativeInfinity).CompareTo(a.Priority ?? double.NegativeInfinity);
        return priority != 0 ? priority : a.SubjectId.CompareTo(b.SubjectId);
    }

    /// <summary>Enough other volunteers hold this subject right now to retire it without this one.</summary>
    private static bool IsCovered(QueueCandidate candidate, int maxVotes) =>
        candidate.ReservedByOthers > 0 && candidate.VoteCount + candidate.ReservedByOthers >= maxVotes;
}
