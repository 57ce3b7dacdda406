using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using RetirementReason = QuakeDetective.Core.Domain.RetirementReason;

namespace QuakeDetective.Core.Results;

/// <summary>
/// The read side of the scientists' Results pages: campaign progress, agreement, confusion pictures, volunteer
/// skill and the filtered subject list. Every query aggregates in the database or pages; nothing loads a campaign's
/// votes except the skill table's per-volunteer counts.
/// </summary>
public sealed class ResultsService(IDbContextFactory<QuakeDbContext> dbFactory, DawidSkeneSnapshotStore snapshots)
{
    public const int MaxPageSize = 200;

    public async Task<IReadOnlyList<CampaignSummary>> CampaignsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CampaignSummary(
                c.Id,
                c.Name,
                c.IsDemo,
                c.Status,
                c.Subjects.Count,
                c.Subjects.Count(s => s.Status == SubjectStatus.Retired),
                c.Subjects.Sum(s => (long)s.VoteCount),
                db.GoldLabels.Count(g => g.Subject!.CampaignId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<CampaignProgress?> ProgressAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var subjects = db.Subjects.Where(s => s.CampaignId == campaignId);
        var byState = await subjects.GroupBy(s => new { s.Status, s.RetirementReason })
            .Select(g => new { g.Key.Status, g.Key.RetirementReason, Count = g.Count(), Votes = g.Sum(s => (long)s.VoteCount) })
            .ToListAsync(cancellationToken);
        var retired = byState.Where(x => x.Status == SubjectStatus.Retired)
            .GroupBy(x => x.RetirementReason ?? RetirementReason.VoteLimit)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var campaignVotes = db.Classifications.Where(c => c.Subject!.CampaignId == campaignId);
        var allVotes = await campaignVotes.LongCountAsync(cancellationToken);
        var expertVotes = await campaignVotes.Where(c => ExpertVolunteers.Ids(db).Contains(c.VolunteerId)).LongCountAsync(cancellationToken);
        var volunteers = await campaignVotes.Select(c => c.VolunteerId).Distinct().CountAsync(cancellationToken);
        var perDay = await campaignVotes.GroupBy(c => c.FinishedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() })
            .OrderBy(x => x.Day).ToListAsync(cancellationToken);
        var gold = await db.GoldLabels.CountAsync(g => g.Subject!.CampaignId == campaignId, cancellationToken);
        return new CampaignProgress(
            campaign.Id,
            campaign.Name,
            campaign.AnswerChoices,
            campaign.PrimaryConsensusMethod,
            campaign.Retirement,
            campaign.ModelVoteEnabled,
            byState.Sum(x => x.Count),
            byState.Where(x => x.Status == SubjectStatus.Active).Sum(x => x.Count),
            byState.Where(x => x.Status == SubjectStatus.Active && x.RetirementReason == RetirementReason.ByHand).Sum(x => x.Count),
            retired,
            gold,
            allVotes - expertVotes,
            expertVotes,
            volunteers,
            perDay.Select(x => new DayCount(DateOnly.FromDateTime(x.Day), x.Count)).ToList());
    }

    public async Task<AgreementHistogram> AgreementAsync(int campaignId, string method, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.ConsensusResults.Where(r => r.Method == method && r.Subject!.CampaignId == campaignId);
        // Binned here, not in SQL: casting to an integer truncates in SQLite but rounds in PostgreSQL.
        var counts = new int[10];
        await foreach (var agreement in rows.Select(r => r.Agreement).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            counts[Math.Clamp((int)Math.Floor(agreement * 10), 0, 9)]++;
        }

        var mean = await rows.AverageAsync(r => (double?)r.Agreement, cancellationToken);
        var ties = await rows.CountAsync(r => r.IsTie, cancellationToken);
        return new AgreementHistogram(method, counts, counts.Sum(), mean, ties);
    }

    /// <summary>Consensus of one method against the expert labels, over the gold subjects that have a consensus.</summary>
    public async Task<ClassConfusion> ConsensusVersusGoldAsync(int campaignId, string method, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.AnswerChoices).FirstAsync(cancellationToken);
        var pairs = await (
                from g in db.GoldLabels
                join r in db.ConsensusResults on g.SubjectId equals r.SubjectId
                where r.Method == method && g.Subject!.CampaignId == campaignId
                group g by new { Truth = g.Label, r.Label } into grouped
                select new { grouped.Key.Truth, grouped.Key.Label, Count = grouped.Count() })
            .ToListAsync(cancellationToken);
        var matrix = Matrix(answers, pairs.Select(p => (p.Truth, p.Label, (double)p.Count)));
        return new ClassConfusion($"Consensus ({method}) against expert labels", "Expert (gold) label", $"Consensus ({method})", matrix);
    }

    /// <summary>How the crowd answers each class as Dawid–Skene estimates it (summed expected counts), or null before the first run.</summary>
    public async Task<(ClassConfusion Confusion, DawidSkeneSnapshot Snapshot)?> DawidSkeneConfusionAsync(int campaignId, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.ReadAsync(campaignId, cancellationToken);
        if (snapshot is null || snapshot.Classes.Count == 0)
        {
            return null;
        }

        return (new ClassConfusion("Volunteer answers given the Dawid–Skene class", "Estimated true class (Dawid–Skene)", "Volunteers' answer", snapshot.CrowdMatrix()), snapshot);
    }

    public Task<DawidSkeneSnapshot?> DawidSkeneSnapshotAsync(int campaignId, CancellationToken cancellationToken) => snapshots.ReadAsync(campaignId, cancellationToken);

    /// <summary>
    /// The volunteer skill table: counted votes, gold confusion (per-class recall and precision) and the Dawid–Skene
    /// matrix of every volunteer who voted in the campaign, by pseudonym, sorted and paged.
    /// </summary>
    public async Task<VolunteerSkillTable> VolunteerSkillAsync(int campaignId, VolunteerSort sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.AnswerChoices).FirstOrDefaultAsync(cancellationToken) ?? [];
        var counted = ExpertVolunteers.CountedVotes(db).Where(c => c.Subject!.CampaignId == campaignId);
        var votes = await counted.GroupBy(c => c.VolunteerId).Select(g => new { VolunteerId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var goldPairs = await (
                from c in counted
                join g in db.GoldLabels on c.SubjectId equals g.SubjectId
                group c by new { c.VolunteerId, Truth = g.Label, c.Answer } into grouped
                select new { grouped.Key.VolunteerId, grouped.Key.Truth, grouped.Key.Answer, Count = grouped.Count() })
            .ToListAsync(cancellationToken);
        var ids = votes.Select(v => v.VolunteerId).ToList();
        var pseudonyms = new Dictionary<long, string>();
        foreach (var chunk in ids.Chunk(1000))
        {
            foreach (var v in await db.Volunteers.Where(v => chunk.Contains(v.Id)).Select(v => new { v.Id, v.Pseudonym }).ToListAsync(cancellationToken))
            {
                pseudonyms[v.Id] = v.Pseudonym;
            }
        }

        var snapshot = await snapshots.ReadAsync(campaignId, cancellationToken);
        var classes = snapshot?.Classes is { Count: > 0 } c0 ? (IReadOnlyList<string>)c0 : answers;
        var goldByVolunteer = goldPairs.GroupBy(p => p.VolunteerId).ToDictionary(g => g.Key, g => Matrix(classes, g.Select(p => (p.Truth, p.Answer, (double)p.Count))));
        var rows = new List<VolunteerSkillRow>(votes.Count + 1);
        foreach (var v in votes)
        {
            var gold = goldByVolunteer.GetValueOrDefault(v.VolunteerId);
            var ds = snapshot?.MatrixOf(v.VolunteerId.ToString(CultureInfo.InvariantCulture));
            rows.Add(Row(pseudonyms.GetValueOrDefault(v.VolunteerId, "volunteer-?"), false, v.Count, classes, gold, ds));
        }

        if (snapshot?.MatrixOf(ModelVoter.VolunteerId) is { } model)
        {
            rows.Add(Row("model (current)", true, (int)Math.Round(model.Total), classes, null, model));
        }

        IOrderedEnumerable<VolunteerSkillRow> ordered = sort switch
        {
            VolunteerSort.GoldAccuracy => rows.OrderByDescending(r => r.GoldAccuracy ?? -1).ThenByDescending(r => r.GoldVotes),
            VolunteerSort.DawidSkeneAccuracy => rows.OrderByDescending(r => r.DawidSkeneAccuracy ?? -1).ThenByDescending(r => r.Votes),
            VolunteerSort.GoldVotes => rows.OrderByDescending(r => r.GoldVotes).ThenByDescending(r => r.Votes),
            _ => rows.OrderByDescending(r => r.Votes),
        };
        var pageRows = ordered.ThenBy(r => r.Pseudonym, StringComparer.Ordinal).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToList();
        return new VolunteerSkillTable(classes, pageRows, rows.Count, Math.Max(1, page), pageSize, snapshot?.ComputedAt);
    }

    public async Task<SubjectPage> SubjectsAsync(SubjectFilter filter, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, filter.Page);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaignId = filter.CampaignId;
        var method = filter.Method;
        if (string.IsNullOrWhiteSpace(method) || !AggregationMethods.All.Contains(method))
        {
            method = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.PrimaryConsensusMethod).FirstOrDefaultAsync(cancellationToken) ?? AggregationMethods.Majority;
        }

        var modelId = await CurrentModel.IdAsync(db, campaignId, cancellationToken) ?? -1;
        var query =
            from s in db.Subjects.AsNoTracking()
            where s.CampaignId == campaignId
            join r in db.ConsensusResults.Where(r => r.Method == method) on s.Id equals r.SubjectId into rs
            from r in rs.DefaultIfEmpty()
            join g in db.GoldLabels on s.Id equals g.SubjectId into gs
            from g in gs.DefaultIfEmpty()
            join p in db.Predictions.Where(p => p.ModelVersionId == modelId) on s.Id equals p.SubjectId into ps
            from p in ps.DefaultIfEmpty()
            select new { s, r, g, p };

        if (filter.Label is { Length: > 0 } label)
        {
            query = string.Equals(label, "none", StringComparison.OrdinalIgnoreCase)
                ? query.Where(x => x.r == null)
                : query.Where(x => x.r != null && x.r.Label == label);
        }

        if (filter.MinConfidence is { } min)
        {
            query = query.Where(x => x.r != null && x.r.Confidence >= min);
        }

        if (filter.MaxConfidence is { } max)
        {
            query = query.Where(x => x.r != null && x.r.Confidence <= max);
        }

        if (filter.Station is { Length: > 0 } station)
        {
            var pattern = station.Trim().ToUpperInvariant();
            query = query.Where(x => x.s.Station.ToUpper().Contains(pattern));
        }

        if (filter.From is { } from)
        {
            query = query.Where(x => x.s.WindowStart >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(x => x.s.WindowStart < to);
        }

        if (string.Equals(filter.Status, "active", StringComparison.OrdinalIgnoreCase))
        {
            query = query.Where(x => x.s.Status == SubjectStatus.Active);
        }
        else if (string.Equals(filter.Status, "retired", StringComparison.OrdinalIgnoreCase))
        {
            query = query.Where(x => x.s.Status == SubjectStatus.Retired);
        }

        if (filter.GoldOnly || filter.DisagreesWithGold)
        {
            query = query.Where(x => x.g != null);
        }

        if (filter.DisagreesWithGold)
        {
            query = query.Where(x => x.r != null && x.r.Label != x.g!.Label);
        }

        var total = await query.CountAsync(cancellationToken);
        var d = filter.Descending;
        query = filter.Sort switch
        {
            SubjectSort.Confidence => d ? query.OrderByDescending(x => x.r!.Confidence).ThenByDescending(x => x.s.Id) : query.OrderBy(x => x.r!.Confidence).ThenBy(x => x.s.Id),
            SubjectSort.Agreement => d ? query.OrderByDescending(x => x.r!.Agreement).ThenByDescending(x => x.s.Id) : query.OrderBy(x => x.r!.Agreement).ThenBy(x => x.s.Id),
            SubjectSort.Votes => d ? query.OrderByDescending(x => x.s.VoteCount).ThenByDescending(x => x.s.Id) : query.OrderBy(x => x.s.VoteCount).ThenBy(x => x.s.Id),
            SubjectSort.WindowStart => d ? query.OrderByDescending(x => x.s.WindowStart).ThenByDescending(x => x.s.Id) : query.OrderBy(x => x.s.WindowStart).ThenBy(x => x.s.Id),
            SubjectSort.Station => d ? query.OrderByDescending(x => x.s.Station).ThenByDescending(x => x.s.Id) : query.OrderBy(x => x.s.Station).ThenBy(x => x.s.Id),
            _ => d ? query.OrderByDescending(x => x.s.Id) : query.OrderBy(x => x.s.Id),
        };
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new SubjectListItem(
                x.s.Id,
                x.s.Station,
                x.s.WindowStart,
                x.s.Status,
                x.s.RetirementReason,
                x.s.VoteCount,
                x.r == null ? null : x.r.Label,
                x.r == null ? null : x.r.Confidence,
                x.r == null ? null : x.r.Agreement,
                x.r != null && x.r.IsTie,
                x.g == null ? null : x.g.Label,
                x.p == null ? null : x.p.Label,
                x.p == null ? null : x.p.Probability))
            .ToListAsync(cancellationToken);
        return new SubjectPage(items, total, page, pageSize, method);
    }

    public async Task<SubjectDetail?> SubjectAsync(long subjectId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId, cancellationToken);
        if (subject is null)
        {
            return null;
        }

        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == subject.CampaignId)
            .Select(c => new { c.Name, c.AnswerChoices, c.PrimaryConsensusMethod }).FirstAsync(cancellationToken);
        var experts = ExpertVolunteers.Ids(db);
        var votes = await (
                from c in db.Classifications.AsNoTracking()
                join v in db.Volunteers on c.VolunteerId equals v.Id
                where c.SubjectId == subjectId
                orderby c.FinishedAt, c.Id
                select new SubjectVote(c.Id, v.Pseudonym, c.Answer, c.FinishedAt, c.DurationMs, experts.Contains(c.VolunteerId)))
            .ToListAsync(cancellationToken);
        var consensus = await db.ConsensusResults.AsNoTracking().Where(r => r.SubjectId == subjectId).ToListAsync(cancellationToken);
        consensus = consensus.OrderBy(r => Array.IndexOf([.. AggregationMethods.All], r.Method)).ToList();
        var gold = await db.GoldLabels.AsNoTracking().FirstOrDefaultAsync(g => g.SubjectId == subjectId, cancellationToken);
        SubjectPrediction? prediction = null;
        if (await CurrentModel.IdAsync(db, subject.CampaignId, cancellationToken) is int modelId)
        {
            var p = await (
                    from pr in db.Predictions.AsNoTracking()
                    join m in db.ModelVersions on pr.ModelVersionId equals m.Id
                    where pr.SubjectId == subjectId && pr.ModelVersionId == modelId
                    select new { m.Name, pr.Label, pr.Probability, pr.ProbabilitiesJson, pr.CreatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (p is not null)
            {
                prediction = new SubjectPrediction(p.Name, p.Label, p.Probability, ParseProbabilities(p.ProbabilitiesJson), p.CreatedAt);
            }
        }

        return new SubjectDetail(subject, campaign.Name, campaign.AnswerChoices, campaign.PrimaryConsensusMethod, votes, consensus, gold, prediction);
    }

    private static VolunteerSkillRow Row(string pseudonym, bool isModel, int votes, IReadOnlyList<string> classes, ConfusionMatrix? gold, ConfusionMatrix? ds)
    {
        var k = classes.Count;
        return new VolunteerSkillRow(
            pseudonym,
            isModel,
            votes,
            gold is null ? 0 : (int)Math.Round(gold.Total),
            gold?.Accuracy,
            Enumerable.Range(0, k).Select(c => gold?.Recall(c)).ToList(),
            Enumerable.Range(0, k).Select(c => gold?.Precision(c)).ToList(),
            ds?.Accuracy,
            Enumerable.Range(0, k).Select(c => ds?.Recall(c)).ToList());
    }

    /// <summary>A matrix over the given classes plus any other label seen in the pairs.</summary>
    private static ConfusionMatrix Matrix(IReadOnlyList<string> classes, IEnumerable<(string Truth, string Label, double Count)> pairs)
    {
        var list = pairs.ToList();
        var all = classes.Concat(list.SelectMany(p => new[] { p.Truth, p.Label }).Where(l => !classes.Contains(l)).Distinct().Order(StringComparer.Ordinal)).ToList();
        var k = all.Count;
        var counts = new double[k * k];
        foreach (var (truth, label, count) in list)
        {
            counts[(all.IndexOf(truth) * k) + all.IndexOf(label)] += count;
        }

        return new ConfusionMatrix(all, counts);
    }

    private static Dictionary<string, double> ParseProbabilities(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
