using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;
using Xunit.Abstractions;

namespace QuakeDetective.Web.Tests.Load;

/// <summary>
/// Many concurrent volunteers post tens of thousands of votes over real HTTP, with retries of the same key, a second
/// key for an answered subject and identical requests racing each other. Every acknowledged vote is stored once, no
/// volunteer+subject pair twice, no 5xx, and counts, retirement and live majority consensus equal a recomputation
/// from the raw votes.
/// </summary>
public sealed class ExactlyOnceUnderLoadTests(ITestOutputHelper output)
{
    private const int Clients = 40;
    private const int SubjectCount = 400;

    [Fact]
    public async Task ConcurrentVolunteers_WithRetriesAndDuplicates_EveryAcknowledgedVoteStoredOnce()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["RateLimiting:Enabled"] = "false",
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var dbFactory = factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>();
        var (subjectIds, choices) = await SeedCampaignAsync(dbFactory);

        var acknowledged = _acknowledged;
        var statusCounts = _statusCounts;
        var wrongReplays = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(1000 + c);
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 4 })
            {
                BaseAddress = factory.ClientOptions.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            (await http.GetAsync("health")).EnsureSuccessStatusCode(); // receive the anonymous volunteer cookie first
            foreach (var subjectId in subjectIds.OrderBy(_ => random.Next()))
            {
                var answer = choices[Math.Min(choices.Count - 1, (int)(random.NextDouble() * random.NextDouble() * choices.Count * 1.6))];
                var body = new { subjectId, answer, idempotencyKey = $"c{c}-s{subjectId}" };
                var racing = random.NextDouble() < 0.05;
                var responses = racing
                    ? await Task.WhenAll(http.PostAsJsonAsync("api/classifications", body), http.PostAsJsonAsync("api/classifications", body))
                    : [await http.PostAsJsonAsync("api/classifications", body)];
                long? id = null;
                foreach (var response in responses)
                {
                    id = await RecordAsync(response, c, subjectId, answer) ?? id;
                }

                if (random.NextDouble() < 0.2)
                {
                    // The response was "lost": the client retries with the same key and must get the same vote back.
                    var retry = await http.PostAsJsonAsync("api/classifications", body);
                    var replayId = await RecordAsync(retry, c, subjectId, answer);
                    if (retry.StatusCode != HttpStatusCode.OK || replayId != id)
                    {
                        Interlocked.Increment(ref wrongReplays);
                    }
                }

                if (random.NextDouble() < 0.1)
                {
                    // A second answer for the same subject under a new key: refused.
                    var again = await http.PostAsJsonAsync("api/classifications", new { subjectId, answer = choices[0], idempotencyKey = $"c{c}-s{subjectId}-again" });
                    statusCounts.AddOrUpdate((int)again.StatusCode, 1, (_, n) => n + 1);
                    if (again.StatusCode != HttpStatusCode.Conflict)
                    {
                        Interlocked.Increment(ref wrongReplays);
                    }
                }
            }
        })));
        stopwatch.Stop();

        var requests = statusCounts.Values.Sum();
        output.WriteLine($"{requests} requests, {acknowledged.Count} acknowledged votes from {Clients} clients in {stopwatch.Elapsed.TotalSeconds:F1} s " +
                         $"({requests / stopwatch.Elapsed.TotalSeconds:F0} requests/s); statuses: {string.Join(", ", statusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");

        Assert.DoesNotContain(statusCounts.Keys, s => s >= 500);
        Assert.Equal(0, wrongReplays);
        Assert.Equal(Clients * SubjectCount, acknowledged.Count);

        await using var db = await dbFactory.CreateDbContextAsync();
        var stored = await db.Classifications.AsNoTracking().Where(c => subjectIds.Contains(c.SubjectId))
            .Select(c => new { c.Id, c.SubjectId, c.VolunteerId, c.Answer }).ToListAsync();
        Assert.Equal(acknowledged.Count, stored.Count);
        var storedById = stored.ToDictionary(s => s.Id);
        foreach (var (id, vote) in acknowledged)
        {
            Assert.True(storedById.TryGetValue(id, out var row), $"acknowledged vote {id} is not in the database");
            Assert.Equal((vote.SubjectId, vote.Answer), (row.SubjectId, row.Answer));
        }

        Assert.Equal(stored.Count, stored.Select(s => (s.SubjectId, s.VolunteerId)).Distinct().Count());

        // Counts, retirement and live majority consensus equal a recomputation from the raw votes.
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Name == "load");
        var rule = RetirementRule.FromSettings(campaign.Retirement);
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.CampaignId == campaign.Id).ToDictionaryAsync(s => s.Id);
        var majority = await db.ConsensusResults.AsNoTracking().Where(r => r.Method == AggregationMethods.Majority && subjectIds.Contains(r.SubjectId))
            .ToDictionaryAsync(r => r.SubjectId);
        var retired = 0;
        foreach (var group in stored.GroupBy(s => s.SubjectId))
        {
            var subject = subjects[group.Key];
            var votes = group.OrderBy(v => v.Id).ToList();
            Assert.Equal(votes.Count, subject.VoteCount);

            var shouldRetire = Enumerable.Range(1, votes.Count).Any(n => rule.Evaluate(Counts(votes.Take(n).Select(v => v.Answer))).Retire);
            Assert.True(shouldRetire == (subject.Status == SubjectStatus.Retired),
                $"subject {subject.Id}: {votes.Count} votes, status {subject.Status}, rule says retire={shouldRetire}");
            retired += shouldRetire ? 1 : 0;

            var recomputed = new MajorityVoteAggregator().Aggregate(
                VoteSet.Create(votes.Select(v => new Vote(v.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), v.VolunteerId.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Answer)), choices), null);
            var expected = recomputed.Subjects.Single();
            Assert.True(majority.TryGetValue(subject.Id, out var live), $"subject {subject.Id} has no live majority consensus");
            Assert.Equal(votes.Count, live.VoteCount);
            Assert.Equal(expected.Label, live.Label);
            Assert.Equal(expected.Agreement, live.Agreement, 6);
        }

        output.WriteLine($"{retired} of {SubjectCount} subjects retired; all match the rule recomputed from the raw votes");
    }

    private async Task<long?> RecordAsync(HttpResponseMessage response, int client, long subjectId, string answer) =>
        await RecordAsync(response, $"c{client}", subjectId, answer, _acknowledged, _statusCounts);

    private readonly ConcurrentDictionary<long, (string Client, long SubjectId, string Answer)> _acknowledged = new();
    private readonly ConcurrentDictionary<int, int> _statusCounts = new();

    private static async Task<long?> RecordAsync(HttpResponseMessage response, string client, long subjectId, string answer,
        ConcurrentDictionary<long, (string Client, long SubjectId, string Answer)> acknowledged, ConcurrentDictionary<int, int> statuses)
    {
        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            return null;
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("classificationId").GetInt64();
        acknowledged[id] = (client, subjectId, answer);
        return id;
    }

    private static Dictionary<string, int> Counts(IEnumerable<string> answers) =>
        answers.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<(List<long> SubjectIds, List<string> Choices)> SeedCampaignAsync(IDbContextFactory<QuakeDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = new Campaign { Name = "load", CreatedAt = DateTime.UtcNow };
        for (var i = 0; i < SubjectCount; i++)
        {
            campaign.Subjects.Add(new Subject
            {
                Station = "XX.LOAD.00",
                Channels = "BHZ",
                WaveformPath = $"load/{i}.mseed",
                ImportKey = $"load-{i}",
                WindowStart = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
                WindowEnd = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i + 1),
                SampleRate = 40,
            });
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return (campaign.Subjects.Select(s => s.Id).ToList(), campaign.AnswerChoices);
    }
}
