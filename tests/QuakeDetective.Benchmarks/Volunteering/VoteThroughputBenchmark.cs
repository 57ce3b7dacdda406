using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>
/// POST /api/classifications on the real site (Kestrel, loopback, SQLite): 32 concurrent volunteers, each with its
/// own cookie, answering subjects for a fixed time. Targets: at least 1,000 acknowledged votes per second, p99 under
/// 50 ms, and every acknowledged vote in the database exactly once. Rate limiting is off: from one loopback address it
/// would (rightly) stop this load long before the store does.
/// </summary>
public sealed class VoteThroughputBenchmark : IBenchmark
{
    /// <summary>32 by the target; QUAKE_BENCH_VOTE_CLIENTS overrides it to see how the store scales.</summary>
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("QUAKE_BENCH_VOTE_CLIENTS"), out var n) && n > 0 ? n : 32;
    private const double ThroughputTarget = 1000;
    private const double P99TargetMs = 50;

    public string Name => "volunteering.votes";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var measure = TimeSpan.FromSeconds(context.Quick ? 3 : 15);
        var warmUp = TimeSpan.FromSeconds(context.Quick ? 1 : 3);
        var subjectCount = context.Quick ? 400 : 1200;
        await using var site = SiteOnKestrel.Start(Path.Combine(context.ScratchFolder, "votes-site"), new Dictionary<string, string?>
        {
            ["Demo:SubjectCount"] = subjectCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:WindowSeconds"] = "20",
            ["Demo:GoldPerClass"] = "0",
            ["RateLimiting:Enabled"] = "false",
        });
        var dbFactory = site.Get<IDbContextFactory<QuakeDbContext>>();
        List<long> subjects;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            subjects = await db.Subjects.Select(s => s.Id).ToListAsync(cancellationToken);
        }

        // Each client is a volunteer (its own anonymous cookie), answering subjects in its own shuffled order.
        var clients = new List<HttpClient>();
        for (var c = 0; c < Clients; c++)
        {
            var client = site.NewVolunteer();
            (await client.GetAsync("/api/subjects/next", cancellationToken)).EnsureSuccessStatusCode();
            clients.Add(client);
        }

        var acknowledged = new ConcurrentBag<(int Client, long SubjectId, string Key, long Id)>();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>();
        var measuring = 0;
        var stopAt = Stopwatch.StartNew();
        var total = warmUp + measure;

        async Task VolunteerAsync(int c)
        {
            var random = new Random(1000 + c);
            var order = subjects.OrderBy(_ => random.Next()).ToList();
            var client = clients[c];
            foreach (var subjectId in order)
            {
                if (stopAt.Elapsed >= total)
                {
                    return;
                }

                var key = $"bench-{c}-{subjectId}";
                var body = new { subjectId, answer = DefaultAnswers.All[(int)(subjectId % 4)], idempotencyKey = key };
                var sw = Stopwatch.StartNew();
                using var response = await client.PostAsJsonAsync("/api/classifications", body, cancellationToken);
                var ms = sw.Elapsed.TotalMilliseconds;
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var id = (await response.Content.ReadFromJsonAsync<Created>(cancellationToken))!.ClassificationId;
                    acknowledged.Add((c, subjectId, key, id));
                    if (Volatile.Read(ref measuring) == 1)
                    {
                        latencies.Add(ms);
                    }
                }
                else
                {
                    failures.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }
        }

        var runners = Enumerable.Range(0, Clients).Select(c => Task.Run(() => VolunteerAsync(c), cancellationToken)).ToList();
        await Task.Delay(warmUp, cancellationToken);
        var ackBefore = acknowledged.Count;
        var writer = site.Get<VoteWriter>();
        var (batchesBefore, votesBefore) = (writer.BatchCount, writer.VoteCount);
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var measuredFrom = stopAt.Elapsed;
        Volatile.Write(ref measuring, 1);
        await Task.WhenAll(runners);
        var measuredFor = stopAt.Elapsed - measuredFrom;
        var ackMeasured = acknowledged.Count - ackBefore;
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var batches = writer.BatchCount - batchesBefore;
        var votesPerBatch = batches == 0 ? 0 : (writer.VoteCount - votesBefore) / (double)batches;

        // Every acknowledged vote must be in the database, once, under the key the client sent.
        int stored;
        int matching;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            stored = await db.Classifications.CountAsync(cancellationToken);
            var keys = await db.Classifications.Select(c => new { c.Id, c.IdempotencyKey }).ToDictionaryAsync(c => c.Id, c => c.IdempotencyKey, cancellationToken);
            matching = acknowledged.Count(a => keys.TryGetValue(a.Id, out var k) && k == a.Key);
        }

        var lat = latencies.ToList();
        var perSecond = ackMeasured / measuredFor.TotalSeconds;
        Console.WriteLine($"  {acknowledged.Count} acknowledged, {stored} rows, {matching} matching; failures: {(failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}")))}");
        context.Record("volunteering.votes.acknowledged_per_s", perSecond, "votes/s", ThroughputTarget,
            note: $"{Clients} clients, {ackMeasured} votes in {measuredFor.TotalSeconds:F1} s after {warmUp.TotalSeconds:F0} s warm-up, SQLite, Kestrel loopback");
        context.Record("volunteering.votes.p50_ms", Percentiles.Of(lat, 50), "ms", higherIsBetter: false);
        context.Record("volunteering.votes.p99_ms", Percentiles.Of(lat, 99), "ms", P99TargetMs, higherIsBetter: false, note: $"max {lat.DefaultIfEmpty().Max():F1} ms");
        // The site and its 32 clients share this process: CPU per vote is both sides, and tells a busy machine (load from
        // other work) apart from a slow store.
        context.Record("volunteering.votes.cpu_ms_per_vote", ackMeasured == 0 ? 0 : cpu.TotalMilliseconds / ackMeasured, "ms", higherIsBetter: false,
            note: $"site + clients in one process, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        context.Record("volunteering.votes.votes_per_batch", votesPerBatch, "votes", note: $"{batches} write transactions while measuring");
        context.Record("volunteering.votes.acknowledged_missing_in_db", acknowledged.Count - matching, "votes", 0, higherIsBetter: false,
            note: $"{stored} rows for {acknowledged.Count} acknowledged votes");
        if (matching != acknowledged.Count || stored != acknowledged.Count || !failures.IsEmpty)
        {
            throw new InvalidOperationException($"Votes lost or extra: {acknowledged.Count} acknowledged, {matching} found by id and key, {stored} rows, failures {failures.Count}.");
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record Created(long ClassificationId);
}
