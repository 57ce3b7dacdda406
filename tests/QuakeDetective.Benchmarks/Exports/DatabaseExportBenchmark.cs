using System.Diagnostics;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Exports;

namespace QuakeDetective.Benchmarks.Exports;

/// <summary>
/// Exports from a real SQLite database. Targets: consensus CSV of 100,000 subjects in under 5 s with memory that does not
/// grow with the number of subjects (compared across 10,000 / 50,000 / 100,000); the Zooniverse votes CSV of 1,000,000
/// votes without time-outs; also the background re-estimate of a 1,000,000-vote campaign and the live cost of a vote.
/// Quick mode: 2,000 / 5,000 / 10,000 subjects.
/// </summary>
public sealed class DatabaseExportBenchmark : IBenchmark
{
    public string Name => "exports.database";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        int[] sizes = context.Quick ? [2_000, 5_000, 10_000] : [10_000, 50_000, 100_000];
        using var database = await BenchmarkDatabase.CreateAsync(Path.Combine(context.ScratchFolder, "exports-db"));
        var seeding = Stopwatch.StartNew();
        var campaigns = new Dictionary<int, int>();
        foreach (var size in sizes)
        {
            // The largest campaign gets the votes (10 each: 1,000,000 in full mode); the others only consensus rows.
            var votes = size == sizes[^1] ? 10 : 0;
            campaigns[size] = await database.SeedCampaignAsync($"bench {size}", size, volunteers: context.Quick ? 500 : 5_000, votesPerSubject: votes, seed: size);
            if (votes == 0)
            {
                await database.SeedConsensusOnlyAsync(campaigns[size]);
            }
        }

        Console.WriteLine($"  seeded {sizes.Sum()} subjects and {sizes[^1] * 10} votes in {seeding.Elapsed.TotalSeconds:F0} s");
        var exports = database.Get<ExportService>();
        var largest = sizes[^1];
        foreach (var size in sizes)
        {
            var path = Path.Combine(context.ScratchFolder, $"consensus-{size}.csv");
            var seconds = 0.0;
            long growth;
            long allocated;
            await using (var watch = MemoryWatch.Start())
            {
                var sw = Stopwatch.StartNew();
                var summary = await exports.WriteToPathAsync(new ExportRequest(campaigns[size], ExportFormat.ConsensusCsv), path, null, cancellationToken);
                seconds = sw.Elapsed.TotalSeconds;
                if (summary.Rows != size)
                {
                    throw new InvalidOperationException($"Expected {size} rows, wrote {summary.Rows}.");
                }

                await watch.DisposeAsync();
                growth = watch.PeakHeapGrowth;
                allocated = watch.Allocated;
            }

            context.Record($"exports.consensus_csv.{size / 1000}k_subjects_s", seconds, "s", target: size == 100_000 ? 5.0 : null, higherIsBetter: false);
            context.Record($"exports.consensus_csv.{size / 1000}k_subjects_peak_heap_growth_mb", growth / 1048576.0, "MB", higherIsBetter: false,
                note: $"allocated {allocated / 1048576.0:F0} MB in all ({allocated / size} B per subject, collected as it goes)");
        }

        await using (var watch = MemoryWatch.Start())
        {
            var sw = Stopwatch.StartNew();
            var summary = await exports.WriteToPathAsync(new ExportRequest(campaigns[largest], ExportFormat.VotesCsv), Path.Combine(context.ScratchFolder, "votes.csv"), null, cancellationToken);
            var seconds = sw.Elapsed.TotalSeconds;
            await watch.DisposeAsync();
            context.Record($"exports.votes_csv.{summary.Rows / 1000}k_votes_s", seconds, "s", higherIsBetter: false, note: $"{summary.Bytes / 1048576.0:F0} MB written");
            context.Record($"exports.votes_csv.{summary.Rows / 1000}k_votes_peak_heap_growth_mb", watch.PeakHeapGrowth / 1048576.0, "MB", higherIsBetter: false);
        }

        await using (var watch = MemoryWatch.Start())
        {
            var sw = Stopwatch.StartNew();
            var summary = await database.Get<ConsensusRecomputer>().RunAsync(campaigns[largest], null, cancellationToken);
            var seconds = sw.Elapsed.TotalSeconds;
            await watch.DisposeAsync();
            context.Record($"consensus.recompute_db.{summary.Votes / 1000}k_votes_s", seconds, "s", higherIsBetter: false,
                note: $"read, Dawid–Skene ({summary.Iterations} iterations), weighted, majority, {summary.RowsWritten} rows written; peak heap +{watch.PeakHeapGrowth / 1048576.0:F0} MB");
        }

        await SeisBenchAsync(context, database, context.Quick ? 200 : 1_000, cancellationToken);
        await LiveVotesAsync(context, database, campaigns[sizes[0]], context.Quick ? 300 : 2_000, cancellationToken);
    }

    /// <summary>A SeisBench dataset of ten-minute three-component windows (all reading one stored window, so that only the export is timed).</summary>
    private static async Task SeisBenchAsync(BenchmarkContext context, BenchmarkDatabase database, int windows, CancellationToken cancellationToken)
    {
        var generator = new QuakeDetective.Seismic.Synthetic.SyntheticWaveformGenerator();
        var window = generator.Generate(QuakeDetective.Seismic.Synthetic.SyntheticClass.Earthquake, 7, new QuakeDetective.Seismic.Synthetic.SyntheticOptions
        {
            SampleRate = 40, DurationSeconds = 600, Network = "XX", Station = "B00", Location = "00", ChannelPrefix = "BH",
            StartTimeNs = QuakeDetective.Seismic.SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 7, 0, 0, DateTimeKind.Utc)),
        });
        var path = database.Get<QuakeDetective.Core.Storage.WaveformStore>().Save("bench", "seisbench", window.Traces);
        var campaign = await database.SeedCampaignAsync("bench seisbench", windows, 50, 0, 99, path, 600);
        await database.SeedConsensusOnlyAsync(campaign);
        await using var watch = MemoryWatch.Start();
        var sw = Stopwatch.StartNew();
        var summary = await database.Get<ExportService>().WriteToPathAsync(new ExportRequest(campaign, ExportFormat.SeisBench), Path.Combine(context.ScratchFolder, "seisbench"), null, cancellationToken);
        var seconds = sw.Elapsed.TotalSeconds;
        await watch.DisposeAsync();
        context.Record($"exports.seisbench.{windows}_windows_s", seconds, "s", higherIsBetter: false,
            note: $"{summary.Bytes / 1048576.0:F0} MB (3 × 24,000 float32 samples each); peak heap +{watch.PeakHeapGrowth / 1048576.0:F0} MB");
    }

    /// <summary>Votes through the real service (transaction, retirement, live majority and weighted rows), one at a time.</summary>
    private static async Task LiveVotesAsync(BenchmarkContext context, BenchmarkDatabase database, int campaignId, int count, CancellationToken cancellationToken)
    {
        var volunteers = database.Get<QuakeDetective.Core.Accounts.VolunteerService>();
        var service = database.Get<ClassificationService>();
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await volunteers.ResolveAsync(null, Guid.NewGuid(), cancellationToken));
        }

        await using var db = await database.DbFactory.CreateDbContextAsync(cancellationToken);
        var subjects = db.Subjects.Where(s => s.CampaignId == campaignId).OrderBy(s => s.Id).Select(s => s.Id).Take(count / 5).ToList();
        var sw = Stopwatch.StartNew();
        var n = 0;
        foreach (var subject in subjects)
        {
            for (var j = 0; j < 5; j++)
            {
                var result = await service.SubmitAsync(new ClassificationRequest(ids[(n + j) % ids.Count], subject, DefaultAnswers.All[(n + (j * j)) % 4], $"live-{n}-{j}"), cancellationToken);
                if (result.Outcome != SubmitOutcome.Created)
                {
                    throw new InvalidOperationException($"Vote refused: {result.Outcome} {result.Message}");
                }
            }

            n += 5;
        }

        context.Record("consensus.live_vote_ms", sw.Elapsed.TotalMilliseconds / n, "ms", higherIsBetter: false,
            note: $"{n} votes one after another: insert, recount, retirement rule, majority and weighted rows, in one transaction");
    }
}
