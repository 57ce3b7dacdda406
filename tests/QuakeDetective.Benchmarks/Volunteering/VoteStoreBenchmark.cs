using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>
/// The vote store without HTTP: 32 concurrent volunteers call <see cref="ClassificationService"/> in the site's own
/// container (same writer, same SQLite settings). Set beside volunteering.votes, it shows how much of a vote's time and
/// CPU is the store and how much is HTTP, JSON and the volunteer lookup.
/// </summary>
public sealed class VoteStoreBenchmark : IBenchmark
{
    private const int Clients = 32;

    public string Name => "volunteering.vote-store";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var warmUp = TimeSpan.FromSeconds(context.Quick ? 2 : 3);
        var measure = TimeSpan.FromSeconds(context.Quick ? 3 : 10);
        await using var site = SiteOnKestrel.Start(Path.Combine(context.ScratchFolder, "vote-store-site"), new Dictionary<string, string?>
        {
            ["Demo:SubjectCount"] = context.Quick ? "400" : "1200",
            ["Demo:WindowSeconds"] = "20",
            ["Demo:GoldPerClass"] = "0",
        });
        var dbFactory = site.Get<IDbContextFactory<QuakeDbContext>>();
        List<long> subjects;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            subjects = await db.Subjects.Select(s => s.Id).ToListAsync(cancellationToken);
        }

        var service = site.Get<ClassificationService>();
        var volunteers = new List<long>();
        for (var c = 0; c < Clients; c++)
        {
            volunteers.Add(await site.Get<VolunteerService>().ResolveAsync(null, Guid.NewGuid(), cancellationToken));
        }

        var latencies = new ConcurrentBag<double>();
        var created = 0;
        var measuring = 0;
        var clock = Stopwatch.StartNew();
        var runners = Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(2000 + c);
            foreach (var subjectId in subjects.OrderBy(_ => random.Next()))
            {
                if (clock.Elapsed >= warmUp + measure)
                {
                    return;
                }

                var sw = Stopwatch.StartNew();
                var result = await service.SubmitAsync(
                    new ClassificationRequest(volunteers[c], subjectId, DefaultAnswers.All[(int)(subjectId % 4)], $"store-{c}-{subjectId}"), cancellationToken);
                if (Volatile.Read(ref measuring) == 0)
                {
                    continue;
                }

                latencies.Add(sw.Elapsed.TotalMilliseconds);
                if (result.Outcome == SubmitOutcome.Created)
                {
                    Interlocked.Increment(ref created);
                }
            }
        }, cancellationToken)));
        await Task.Delay(warmUp, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var from = clock.Elapsed;
        Volatile.Write(ref measuring, 1);
        await runners;
        var elapsed = clock.Elapsed - from;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var lat = latencies.ToList();
        context.Record("volunteering.vote_store.created_per_s", created / elapsed.TotalSeconds, "votes/s", note: $"{Clients} callers, no HTTP, SQLite");
        context.Record("volunteering.vote_store.p50_ms", Percentiles.Of(lat, 50), "ms", higherIsBetter: false);
        context.Record("volunteering.vote_store.p99_ms", Percentiles.Of(lat, 99), "ms", higherIsBetter: false);
        context.Record("volunteering.vote_store.cpu_ms_per_vote", created == 0 ? 0 : cpu.TotalMilliseconds / created, "ms", higherIsBetter: false);
    }
}
