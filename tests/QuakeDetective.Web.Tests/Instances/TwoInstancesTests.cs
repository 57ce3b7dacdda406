using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Seismic.Synthetic;
using QuakeDetective.Tests;
using QuakeDetective.Web.Tests.Faults;
using Xunit.Abstractions;

namespace QuakeDetective.Web.Tests.Instances;

/// <summary>
/// Two processes of the real site on one PostgreSQL database and one data folder, with no sticky sessions: every
/// request may go to either. Votes count once, sign-in works on both, a queued job runs exactly once, and a job whose
/// instance is SIGKILLed is marked interrupted by the survivor once its lease runs out. Runs wherever PostgreSQL is
/// installed (CI installs it); without the server binaries it skips locally and fails under CI=true.
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    private const int LeaseSeconds = 4;
    private const int Volunteers = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task TwoInstances_OnePostgres_VotesSignInAndJobsAreShared()
    {
        var clock = Stopwatch.StartNew();
        var connectionString = PostgresServer.CreateDatabase();
        var folder = Path.Combine(Path.GetTempPath(), "quake-instances-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = connectionString,
            ["Admin__Email"] = InstanceClients.AdminEmail,
            ["Admin__Password"] = InstanceClients.AdminPassword,
            ["RateLimiting__Enabled"] = "false",
            ["Jobs__LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs__PollSeconds"] = "0.3",
            ["Logging__LogLevel__QuakeDetective.Core.Jobs"] = "Information", // "Claimed export job 7 as b#…"
        };
        try
        {
            // A first (it migrates and seeds the demo campaign), then B on the same database and folder.
            var a = await ChildProcessSite.StartAsync(folder, new Dictionary<string, string>(settings) { ["Instance__Name"] = "a" });
            var b = await ChildProcessSite.StartAsync(folder, new Dictionary<string, string>(settings) { ["Instance__Name"] = "b" });
            await using (a)
            await using (b)
            {
                output.WriteLine($"both instances healthy after {clock.Elapsed.TotalSeconds:0.0} s");
                var options = new DbContextOptionsBuilder<QuakeDbContext>().UseNpgsql(connectionString).Options;
                ChildProcessSite[] sites = [a, b];

                try
                {
                    await VotesAlternatingBetweenInstances_CountOnceAsync(sites, options);
                    output.WriteLine($"votes checked after {clock.Elapsed.TotalSeconds:0.0} s");

                    var admin = new CookieContainer();
                    await SignInOnA_IsAcceptedByBAsync(a, b, admin);

                    await JobsQueuedViaA_RunExactlyOnceAsync(a, b, admin, options, folder);
                    output.WriteLine($"jobs checked after {clock.Elapsed.TotalSeconds:0.0} s");

                    await KilledOwner_JobInterruptedBySurvivorAfterLeaseAsync(a, b, admin, options, folder);
                    output.WriteLine($"kill checked after {clock.Elapsed.TotalSeconds:0.0} s");
                }
                catch
                {
                    output.WriteLine("--- instance a:\n" + a.Output + "\n--- instance b:\n" + b.Output);
                    throw;
                }
            }
        }
        finally
        {
            QuakeWebFactory.TryDelete(folder);
        }
    }

    private async Task VotesAlternatingBetweenInstances_CountOnceAsync(ChildProcessSite[] sites, DbContextOptions<QuakeDbContext> options)
    {
        var acknowledged = new ConcurrentDictionary<long, (long SubjectId, string Answer)>();
        var failures = new ConcurrentBag<string>();
        var answers = new[] { "Earthquake", "Tremor", "Noise", "None of the above" };
        await Task.WhenAll(Enumerable.Range(0, Volunteers).Select(v => Task.Run(async () =>
        {
            var cookies = new CookieContainer();
            using var onA = InstanceClients.For(sites[0], cookies);
            using var onB = InstanceClients.For(sites[1], cookies);
            HttpClient[] clients = [onA, onB];
            for (var i = 0; ; i++)
            {
                // The next subject from one instance, the vote to the other, the retry of the same vote to the first.
                var first = clients[(v + i) % 2];
                var second = clients[(v + i + 1) % 2];
                var next = await first.GetAsync("api/subjects/next");
                if (next.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }

                var subjectId = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
                var vote = new { subjectId, answer = answers[(v * 7 + i * 3) % (v % 3 == 0 ? 4 : 2)], idempotencyKey = $"v{v}-{i}" };
                var post = await second.PostAsJsonAsync("api/classifications", vote);
                if (post.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"volunteer {v} vote {i}: {(int)post.StatusCode} {await post.Content.ReadAsStringAsync()}");
                    return;
                }

                var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("classificationId").GetInt64();
                var replay = await first.PostAsJsonAsync("api/classifications", vote);
                var replayId = replay.StatusCode == HttpStatusCode.OK ? (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("classificationId").GetInt64() : -1;
                if (replayId != id)
                {
                    failures.Add($"volunteer {v} vote {i}: the retry on the other instance answered {(int)replay.StatusCode}, id {replayId} instead of {id}");
                }

                acknowledged[id] = (subjectId, vote.answer);
            }
        })));

        Assert.Empty(failures);
        Assert.True(acknowledged.Count >= Volunteers * 3, $"only {acknowledged.Count} votes were acknowledged");

        await using var db = new QuakeDbContext(options);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.IsDemo);
        var stored = await db.Classifications.AsNoTracking().Where(c => c.Subject!.CampaignId == campaign.Id)
            .Select(c => new { c.Id, c.SubjectId, c.VolunteerId, c.Answer }).ToListAsync();
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.All(stored, s => Assert.Equal(acknowledged[s.Id], (s.SubjectId, s.Answer)));
        Assert.Equal(Volunteers, stored.Select(s => s.VolunteerId).Distinct().Count()); // one volunteer per cookie jar, whichever instance saw it

        var rule = RetirementRule.FromSettings(campaign.Retirement);
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.CampaignId == campaign.Id).ToDictionaryAsync(s => s.Id);
        var majority = await db.ConsensusResults.AsNoTracking().Where(r => r.Method == AggregationMethods.Majority && r.Subject!.CampaignId == campaign.Id)
            .ToDictionaryAsync(r => r.SubjectId);
        var gold = (await db.GoldLabels.AsNoTracking().Select(g => g.SubjectId).ToListAsync()).ToHashSet();
        var retired = 0;
        foreach (var subject in subjects.Values)
        {
            var votes = stored.Where(s => s.SubjectId == subject.Id).OrderBy(s => s.Id).ToList();
            Assert.Equal(votes.Count, subject.VoteCount);
            var shouldRetire = !gold.Contains(subject.Id) && Enumerable.Range(1, votes.Count) // gold subjects never retire by rule
                .Any(n => rule.Evaluate(votes.Take(n).GroupBy(x => x.Answer).ToDictionary(g => g.Key, g => g.Count())).Retire);
            Assert.True(shouldRetire == (subject.Status == SubjectStatus.Retired), $"subject {subject.Id}: {votes.Count} votes, {subject.Status}, rule says retire={shouldRetire}");
            retired += shouldRetire ? 1 : 0;
            if (votes.Count > 0)
            {
                var expected = new MajorityVoteAggregator().Aggregate(VoteSet.Create(
                    votes.Select(x => new Vote(x.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), x.VolunteerId.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Answer)),
                    campaign.AnswerChoices), null).Subjects.Single();
                Assert.Equal((votes.Count, expected.Label), (majority[subject.Id].VoteCount, majority[subject.Id].Label));
            }
        }

        Assert.True(retired > 0, "no subject retired: the run did not reach the retirement rule");
        output.WriteLine($"{stored.Count} votes from {Volunteers} volunteers across both instances, {retired} of {subjects.Count} subjects retired; counts, retirement and majority equal a recount");
    }

    private static async Task SignInOnA_IsAcceptedByBAsync(ChildProcessSite a, ChildProcessSite b, CookieContainer admin)
    {
        using (var anonymousOnB = InstanceClients.For(b, new CookieContainer()))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await anonymousOnB.GetAsync("admin/import")).StatusCode);
        }

        await InstanceClients.SignInAdminAsync(a, admin);
        using var onB = InstanceClients.For(b, admin);
        var page = await onB.GetAsync("admin/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // B decrypts A's cookie: the key ring is in the shared database
    }

    private async Task JobsQueuedViaA_RunExactlyOnceAsync(ChildProcessSite a, ChildProcessSite b, CookieContainer admin, DbContextOptions<QuakeDbContext> options, string folder)
    {
        int campaignId;
        await using (var db = new QuakeDbContext(options))
        {
            campaignId = await db.Campaigns.Where(c => c.IsDemo).Select(c => c.Id).SingleAsync();
        }

        using var onA = InstanceClients.For(a, admin);
        using var onB = InstanceClients.For(b, admin);
        var exports = new List<long>();
        foreach (var format in new[] { "consensus-csv", "votes-csv", "consensus-json", "votes-csv", "consensus-csv", "seisbench" })
        {
            exports.Add(await InstanceClients.PostJobAsync(onA, $"api/campaigns/{campaignId}/exports", new { format }));
        }

        var consensus = await InstanceClients.PostJobAsync(onA, $"api/campaigns/{campaignId}/consensus/recompute", null);
        foreach (var (id, url) in exports.Select(id => (id, $"api/exports/{id}")).Append((consensus, $"api/consensus-jobs/{consensus}")))
        {
            // Watched through B: the status comes from the shared database, whichever instance ran it.
            await InstanceClients.PollAsync(async () =>
            {
                var status = (await onB.GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString();
                return status is "succeeded" or "failed" or "cancelled" or "interrupted" ? status : null;
            }, Deadline, $"job {id}");
        }

        await using var check = new QuakeDbContext(options);
        var jobs = await check.BackgroundJobs.AsNoTracking().Where(j => exports.Contains(j.Id) || j.Id == consensus).ToListAsync();
        Assert.All(jobs, j => Assert.Equal(BackgroundJobStatus.Succeeded, j.Status));
        Assert.All(jobs, j => Assert.Matches("^(a|b)#[0-9]+$", j.Owner));
        foreach (var job in jobs)
        {
            // Each process logs every claim it wins: across both, each job was claimed (and so run) once.
            var claims = Regex.Count(a.Output + b.Output, $@"Claimed {job.Kind} job {job.Id} as ");
            Assert.True(claims == 1, $"job {job.Id} was claimed {claims} times");
        }

        var files = Directory.GetFiles(Path.Combine(folder, "exports")).Select(Path.GetFileName).ToList();
        foreach (var id in exports)
        {
            Assert.Single(files, f => f!.StartsWith($"{id}-", StringComparison.Ordinal));
        }

        // One Dawid–Skene row per voted subject: a second run of the same job would have written its rows again.
        var dawidSkene = await check.ConsensusResults.AsNoTracking().Where(r => r.Method == AggregationMethods.DawidSkene && r.Subject!.CampaignId == campaignId)
            .GroupBy(r => r.SubjectId).Select(g => g.Count()).ToListAsync();
        Assert.NotEmpty(dawidSkene);
        Assert.All(dawidSkene, count => Assert.Equal(1, count));
        output.WriteLine("jobs by owner: " + string.Join(", ", jobs.GroupBy(j => j.Owner!.Split('#')[0]).Select(g => $"{g.Key}: {g.Count()}")));
    }

    private async Task KilledOwner_JobInterruptedBySurvivorAfterLeaseAsync(ChildProcessSite a, ChildProcessSite b, CookieContainer admin, DbContextOptions<QuakeDbContext> options, string folder)
    {
        // An import big enough to be still running when its owner is killed.
        WriteImportFolder(Path.Combine(folder, "import", "big"), stations: 16, seconds: 1800);
        using var onA = InstanceClients.For(a, admin);
        var jobId = await FaultSite.StartFolderImportAsync(onA, "big", "Killed import", 60);
        var owner = await InstanceClients.PollAsync(async () =>
        {
            await using var db = new QuakeDbContext(options);
            var job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.True(job.Status is BackgroundJobStatus.Queued or BackgroundJobStatus.Running, $"the import ended ({job.Status}: {job.Message}) before it could be killed");
            return job.Status == BackgroundJobStatus.Running ? job.Owner : null;
        }, Deadline, "the import to be claimed", intervalMs: 10);

        var (victim, survivor) = owner.StartsWith("a#", StringComparison.Ordinal) ? (a, b) : (b, a);
        victim.Kill();
        var killedAt = DateTime.UtcNow;

        var interrupted = await InstanceClients.PollAsync(async () =>
        {
            await using var db = new QuakeDbContext(options);
            var job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            return job.Status == BackgroundJobStatus.Running ? null : job;
        }, Deadline, "the survivor to mark the killed import interrupted");

        Assert.Equal(BackgroundJobStatus.Interrupted, interrupted.Status);
        Assert.Contains("start the import again", interrupted.Message, StringComparison.Ordinal);
        Assert.Equal(owner, interrupted.Owner);
        // Not before the lease ran out since the last heartbeat: a live owner is never interrupted early.
        Assert.True(interrupted.FinishedAt >= interrupted.HeartbeatAt!.Value.AddSeconds(LeaseSeconds),
            $"marked at {interrupted.FinishedAt:O}, last heartbeat {interrupted.HeartbeatAt:O}");
        using var health = InstanceClients.For(survivor, new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("health")).StatusCode);
        output.WriteLine($"{owner} killed; interrupted {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s later by the survivor (lease {LeaseSeconds} s)");
    }

    private static void WriteImportFolder(string folder, int stations, double seconds)
    {
        Directory.CreateDirectory(folder);
        var generator = new SyntheticWaveformGenerator();
        var classes = Enum.GetValues<SyntheticClass>();
        var windows = classes.Select(c => generator.Generate(c, 11, new SyntheticOptions { SampleRate = 100, DurationSeconds = seconds })).ToList();
        for (var i = 0; i < stations; i++)
        {
            var station = $"K{i:000}";
            var traces = windows[i % windows.Count].Traces.Select(t => new QuakeDetective.Seismic.Trace(new SeedId("XX", station, "00", t.Id.Channel), t.StartTimeNs, t.SampleRate, t.Samples));
            using var stream = File.Create(Path.Combine(folder, station + ".mseed"));
            MiniSeedWriter.Write(stream, traces);
        }
    }
}
