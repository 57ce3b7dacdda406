using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Re-estimates a whole campaign: Dawid–Skene (the only method that needs every vote at once), and the majority
/// and weighted votes again (weights move when gold labels change). Votes are read once, streamed; the rows are
/// written in short transactions of <see cref="ConsensusOptions.WriteChunkSize"/> subjects so that votes keep
/// being stored in between. A live row is never overwritten by an older estimate: a majority or weighted row is
/// skipped when the subject got a vote after the votes were read.
/// </summary>
public sealed class ConsensusRecomputer(
    IDbContextFactory<QuakeDbContext> dbFactory,
    DawidSkeneSnapshotStore snapshots,
    WeightedPriorCache priors,
    IOptions<ConsensusOptions> options,
    TimeProvider time,
    ILogger<ConsensusRecomputer> logger)
{
    public async Task<RecomputeSummary> RunAsync(int campaignId, IProgress<RecomputeProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        progress?.Report(new RecomputeProgress("reading votes", 0));
        CampaignVotes votes;
        IReadOnlyDictionary<string, double> prior;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var readProgress = progress is null ? null : new InlineProgress<double>(p => progress.Report(new RecomputeProgress("reading votes", 35 * p)));
            votes = await CampaignVoteLoader.LoadAsync(db, campaignId, readProgress, cancellationToken);
            prior = await WeightedPriorCache.ComputeAsync(db, campaignId, cancellationToken);
        }

        priors.Invalidate(campaignId);
        progress?.Report(new RecomputeProgress("Dawid–Skene", 35));
        var dawidSkene = await Task.Run(() => new DawidSkeneAggregator().Aggregate(votes.WithModel, votes.Gold, cancellationToken), cancellationToken);
        progress?.Report(new RecomputeProgress("weighted and majority votes", 50));
        var weighted = new WeightedVoteAggregator(new WeightedVoteOptions { ClassPrior = prior }).Aggregate(votes.WithModel, votes.Gold, cancellationToken);
        var majority = new MajorityVoteAggregator().Aggregate(votes.Human, votes.Gold, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        await snapshots.WriteAsync(Snapshot(votes, dawidSkene, now, started.Elapsed.TotalSeconds), cancellationToken);

        // Rows: one per subject with counted votes and method, written chunk by chunk.
        progress?.Report(new RecomputeProgress("writing consensus rows", 55));
        var subjects = majority.Subjects;
        var chunkSize = options.Value.WriteChunkSize;
        var written = 0;
        var skipped = 0;
        for (var start = 0; start < subjects.Count; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = subjects.Skip(start).Take(chunkSize).ToList();
            var (w, s) = await WriteChunkAsync(chunk, weighted, dawidSkene, votes.Classes, now, cancellationToken);
            written += w;
            skipped += s;
            progress?.Report(new RecomputeProgress("writing consensus rows", 55 + (45.0 * Math.Min(subjects.Count, start + chunkSize) / subjects.Count)));
        }

        var summary = new RecomputeSummary(subjects.Count, votes.Human.VoteCount, written, skipped, dawidSkene.Iterations, dawidSkene.Converged, started.Elapsed.TotalSeconds);
        logger.LogInformation("Recomputed consensus of campaign {CampaignId}: {Subjects} subjects, {Votes} votes, {Iterations} EM iterations, {RowsWritten} rows written in {ElapsedMs} ms",
            campaignId, summary.Subjects, summary.Votes, summary.Iterations, summary.RowsWritten, (long)started.Elapsed.TotalMilliseconds);
        progress?.Report(new RecomputeProgress("done", 100));
        return summary;
    }

    private async Task<(int Written, int Skipped)> WriteChunkAsync(
        List<SubjectConsensus> chunk,
        AggregationResult weighted,
        AggregationResult dawidSkene,
        IReadOnlyList<string> classes,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var ids = chunk.Select(c => long.Parse(c.SubjectId, CultureInfo.InvariantCulture)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Subjects.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.VoteCount }).ToDictionaryAsync(s => s.Id, s => s.VoteCount, cancellationToken);
        var existing = (await db.ConsensusResults.Where(r => ids.Contains(r.SubjectId)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.SubjectId, r.Method));
        var written = 0;
        var skipped = 0;
        for (var i = 0; i < chunk.Count; i++)
        {
            var human = chunk[i];
            var id = ids[i];
            if (!counts.TryGetValue(id, out var current))
            {
                continue; // deleted meanwhile
            }

            var humanCounts = human.VotesPerClass;
            var newer = current != human.VoteCount;
            foreach (var (method, consensus) in new[]
                     {
                         (AggregationMethods.Majority, human),
                         (AggregationMethods.Weighted, weighted.Find(human.SubjectId)!),
                         (AggregationMethods.DawidSkene, dawidSkene.Find(human.SubjectId)!),
                     })
            {
                if (newer && method != AggregationMethods.DawidSkene)
                {
                    skipped++;
                    continue;
                }

                var row = ConsensusRow.From(id, method, consensus, classes, humanCounts);
                if (existing.TryGetValue((id, method), out var entity))
                {
                    written += row.ApplyTo(entity, now) ? 1 : 0;
                }
                else
                {
                    db.ConsensusResults.Add(row.ToEntity(now));
                    written++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (written, skipped);
    }

    private static DawidSkeneSnapshot Snapshot(CampaignVotes votes, AggregationResult result, DateTime now, double seconds)
    {
        var k = result.Classes.Count;
        var volunteers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var skill in result.Volunteers)
        {
            var counts = new double[k * k];
            for (var t = 0; t < k; t++)
            {
                for (var a = 0; a < k; a++)
                {
                    counts[(t * k) + a] = Math.Round(skill.Confusion[t, a], 6);
                }
            }

            volunteers[skill.VolunteerId] = counts;
        }

        return new DawidSkeneSnapshot
        {
            CampaignId = votes.CampaignId,
            ComputedAt = now,
            ElapsedSeconds = seconds,
            Iterations = result.Iterations,
            Converged = result.Converged,
            LogLikelihood = result.LogLikelihood,
            Classes = [.. result.Classes],
            ClassPriors = [.. result.ClassPriors ?? []],
            SubjectCount = votes.Human.SubjectCount,
            VoteCount = votes.Human.VoteCount,
            GoldCount = votes.Gold.Count,
            ModelVersionId = votes.ModelVersionId,
            Fingerprint = votes.Fingerprint,
            Volunteers = volunteers,
        };
    }
}
