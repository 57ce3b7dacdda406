using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Benchmarks.Volunteering;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Benchmarks.Instances;

/// <summary>
/// POST /api/classifications with 32 volunteers on PostgreSQL, against one site instance and against two instances
/// on the same database with every volunteer's requests alternating between them (round robin, no stickiness). Both
/// instances run in this process on Kestrel (loopback), each with its own DI container, connection pool and
/// background workers; on a 2-core machine they share the CPU, so this measures the database path, not CPU scaling.
/// Every acknowledged vote must be in the database once.
/// </summary>
public sealed class InstanceVoteBenchmark : IBenchmark
{
    private const int Clients = 32;
    private const double ThroughputTarget = 1000;
    private const double P99TargetMs = 50;

    public string Name => "instances.votes";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var postgres = ThrowawayPostgres.Start(context.ScratchFolder);
        Console.WriteLine($"  on {postgres.Description}");
        foreach (var instances in new[] { 1, 2 })
        {
            await MeasureAsync(context, postgres, instances, cancellationToken);
        }
    }

    private static async Task MeasureAsync(BenchmarkContext context, ThrowawayPostgres postgres, int instanceCount, CancellationToken cancellationToken)
    {
        var measure = TimeSpan.FromSeconds(context.Quick ? 3 : 15);
        var warmUp = TimeSpan.FromSeconds(context.Quick ? 1 : 3);
        var subjectCount = context.Quick ? 400 : 1200;
        var connectionString = postgres.CreateDatabase();
        var folder = Path.Combine(context.ScratchFolder, $"instances-{instanceCount}");
        var sites = new List<SiteOnKestrel>();
        try
        {
            for (var i = 0; i < instanceCount; i++)
            {
                // The first instance migrates and seeds; the others start on the ready database (as the README says).
                sites.Add(SiteOnKestrel.Start(folder, new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Postgres",
                    ["Database:ConnectionString"] = connectionString,
                    ["Instance:Name"] = $"bench-{i}",
                    ["Demo:Enabled"] = i == 0 ? "true" : "false",
                    ["Demo:SubjectCount"] = subjectCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Demo:WindowSeconds"] = "20",
                    ["Demo:GoldPerClass"] = "0",
                    ["RateLimiting:Enabled"] = "false",
                }));
            }

            var dbFactory = sites[0].Get<IDbContextFactory<QuakeDbContext>>();
            List<long> subjects;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                subjects = await db.Subjects.Select(s => s.Id).ToListAsync(cancellationToken);
            }

            // Each volunteer has one cookie jar and a client per instance; request i goes to instance (c + i) mod n.
            var clients = new List<HttpClient[]>();
            for (var c = 0; c < Clients; c++)
            {
                var cookies = new CookieContainer();
                var perInstance = sites.Select(s => new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, MaxConnectionsPerServer = 4 })
                {
                    BaseAddress = s.BaseAddress,
                    Timeout = TimeSpan.FromSeconds(30),
                }).ToArray();
                (await perInstance[c % instanceCount].GetAsync("/api/subjects/next", cancellationToken)).EnsureSuccessStatusCode();
                clients.Add(perInstance);
            }

            var acknowledged = new ConcurrentBag<(string Key, long Id)>();
            var latencies = new ConcurrentBag<double>();
            var failures = new ConcurrentDictionary<string, int>();
            var measuring = 0;
            var clock = Stopwatch.StartNew();
            var total = warmUp + measure;

            async Task VolunteerAsync(int c)
            {
                var random = new Random(2000 + c);
                var i = 0;
                foreach (var subjectId in subjects.OrderBy(_ => random.Next()))
                {
                    if (clock.Elapsed >= total)
                    {
                        return;
                    }

                    var client = clients[c][(c + i++) % instanceCount];
                    var key = $"bench-{c}-{subjectId}";
                    var body = new { subjectId, answer = DefaultAnswers.All[(int)(subjectId % 4)], idempotencyKey = key };
                    var sw = Stopwatch.StartNew();
                    using var response = await client.PostAsJsonAsync("/api/classifications", body, cancellationToken);
                    var ms = sw.Elapsed.TotalMilliseconds;
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        acknowledged.Add((key, (await response.Content.ReadFromJsonAsync<Created>(cancellationToken))!.ClassificationId));
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
            var before = acknowledged.Count;
            var from = clock.Elapsed;
            Volatile.Write(ref measuring, 1);
            await Task.WhenAll(runners);
            var measuredFor = clock.Elapsed - from;
            var measured = acknowledged.Count - before;

            int stored;
            int matching;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                stored = await db.Classifications.CountAsync(cancellationToken);
                var keys = await db.Classifications.Select(c => new { c.Id, c.IdempotencyKey }).ToDictionaryAsync(c => c.Id, c => c.IdempotencyKey, cancellationToken);
                matching = acknowledged.Count(a => keys.TryGetValue(a.Id, out var k) && k == a.Key);
            }

            var lat = latencies.ToList();
            var prefix = $"instances.votes.postgres.{instanceCount}_instance{(instanceCount == 1 ? "" : "s")}";
            Console.WriteLine($"  {instanceCount} instance(s): {acknowledged.Count} acknowledged, {stored} rows, {matching} matching; failures: {(failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}")))}");
            context.Record($"{prefix}.acknowledged_per_s", measured / measuredFor.TotalSeconds, "votes/s", ThroughputTarget,
                note: $"{Clients} clients{(instanceCount > 1 ? " round-robin" : "")}, {measured} votes in {measuredFor.TotalSeconds:F1} s after {warmUp.TotalSeconds:F0} s warm-up, PostgreSQL, Kestrel loopback, instances in one process");
            context.Record($"{prefix}.p50_ms", Percentiles.Of(lat, 50), "ms", higherIsBetter: false);
            context.Record($"{prefix}.p99_ms", Percentiles.Of(lat, 99), "ms", P99TargetMs, higherIsBetter: false, note: $"max {lat.DefaultIfEmpty().Max():F1} ms");
            context.Record($"{prefix}.acknowledged_missing_in_db", acknowledged.Count - matching, "votes", 0, higherIsBetter: false,
                note: $"{stored} rows for {acknowledged.Count} acknowledged votes");
            foreach (var client in clients.SelectMany(c => c))
            {
                client.Dispose();
            }

            if (matching != acknowledged.Count || stored != acknowledged.Count || !failures.IsEmpty)
            {
                throw new InvalidOperationException($"Votes lost or extra with {instanceCount} instance(s): {acknowledged.Count} acknowledged, {matching} found by id and key, {stored} rows, failures {failures.Count}.");
            }
        }
        finally
        {
            foreach (var site in sites)
            {
                await site.DisposeAsync();
            }

            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    private sealed record Created(long ClassificationId);
}
