using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Tests.Classifications;
using E = QuakeDetective.Core.Domain.DefaultAnswers;

namespace QuakeDetective.Core.Tests.Consensus;

/// <summary>The background re-estimate: Dawid–Skene rows and snapshot from the database, newer live rows kept, job rows with progress.</summary>
public sealed class ConsensusRecomputeTests
{
    private static async Task<ConsensusScenario> VotedCampaignAsync(TestDatabase database)
    {
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 6, retirement: new RetirementSettings { MaxVotes = 50, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(4);
        string[][] answers =
        [
            [E.Earthquake, E.Earthquake, E.Earthquake, E.Noise],
            [E.Noise, E.Noise, E.Noise, E.Noise],
            [E.Tremor, E.Tremor, E.Noise, E.Tremor],
            [E.Earthquake, E.Earthquake, E.Tremor, E.Earthquake],
            [E.Noise, E.Noise, E.Tremor, E.Noise],
            [E.Tremor, E.Noise, E.Tremor, E.Tremor],
        ];
        for (var s = 0; s < answers.Length; s++)
        {
            for (var j = 0; j < v.Length; j++)
            {
                await scenario.VoteAsync(v[j], scenario.Subjects[s], answers[s][j]);
            }
        }

        await scenario.GoldAsync(scenario.Subjects[1], E.Noise);
        return scenario;
    }

    [Fact]
    public async Task Run_WritesDawidSkeneRowsEqualToTheOfflineAggregatorAndASnapshot()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await VotedCampaignAsync(database);

        var summary = await database.Get<ConsensusRecomputer>().RunAsync(scenario.CampaignId, null, CancellationToken.None);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var votes = await db.Classifications.Select(c => new Vote(c.SubjectId.ToString(), c.VolunteerId.ToString(), c.Answer)).ToListAsync();
        var offline = new DawidSkeneAggregator().Aggregate(VoteSet.Create(votes, E.All), new GoldLabels([KeyValuePair.Create(scenario.Subjects[1].ToString(), E.Noise)]));
        var rows = await db.ConsensusResults.Where(r => r.Method == AggregationMethods.DawidSkene).ToListAsync();
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            var expected = offline.Find(row.SubjectId.ToString())!;
            Assert.Equal(expected.Label, row.Label);
            Assert.Equal(expected.Confidence, row.Confidence, 12);
            Assert.Equal(4, row.VoteCount);
        }

        Assert.Equal(6, summary.Subjects);
        Assert.Equal(24, summary.Votes);
        var snapshot = await database.Get<DawidSkeneSnapshotStore>().ReadAsync(scenario.CampaignId, CancellationToken.None);
        Assert.NotNull(snapshot);
        Assert.Equal(offline.Iterations, snapshot.Iterations);
        Assert.Equal(4, snapshot.Volunteers.Count);
        Assert.Equal(24, snapshot.CrowdMatrix().Total, 4); // cells are kept to 6 decimals
    }

    [Fact]
    public async Task Run_SubjectVotedAfterTheVotesWereRead_KeepsItsLiveRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await VotedCampaignAsync(database);
        var s = scenario.Subjects[0];
        var before = await scenario.RowAsync(s, AggregationMethods.Majority);

        // A count that differs from the votes read is what a vote arriving mid-run looks like.
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            await db.Subjects.Where(x => x.Id == s).ExecuteUpdateAsync(u => u.SetProperty(x => x.VoteCount, 5));
            await db.ConsensusResults.Where(r => r.SubjectId == s && r.Method == AggregationMethods.Majority)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Label, "newer live label"));
        }

        var summary = await database.Get<ConsensusRecomputer>().RunAsync(scenario.CampaignId, null, CancellationToken.None);

        Assert.Equal(2, summary.SkippedNewer); // majority and weighted of that subject
        Assert.Equal("newer live label", (await scenario.RowAsync(s, AggregationMethods.Majority))!.Label);
        Assert.NotNull(await scenario.RowAsync(s, AggregationMethods.DawidSkene));
        Assert.NotNull(before);
    }

    [Fact]
    public async Task Job_RunsToSucceededWithProgressAndIsDueOnlyAfterNewVotes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await VotedCampaignAsync(database);
        var jobs = database.Get<ConsensusJobs>();
        Assert.True(await jobs.IsDueAsync(scenario.CampaignId, CancellationToken.None));

        var jobId = await jobs.EnqueueAsync(scenario.CampaignId, "user-1", "test", CancellationToken.None);
        var again = await jobs.EnqueueAsync(scenario.CampaignId, "user-1", "test", CancellationToken.None);
        await jobs.RunAsync(jobId!.Value, CancellationToken.None);

        Assert.Equal(jobId, again); // one pending job per campaign
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var job = await db.BackgroundJobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal(BackgroundJobStatus.Succeeded, job.Status);
        Assert.Equal(100, job.Percent);
        Assert.Contains("6 subjects", job.Message, StringComparison.Ordinal);
        Assert.False(await jobs.IsDueAsync(scenario.CampaignId, CancellationToken.None));

        var newcomer = (await scenario.VolunteersAsync(1))[0];
        await scenario.VoteAsync(newcomer, scenario.Subjects[2], E.Tremor);
        Assert.True(await jobs.IsDueAsync(scenario.CampaignId, CancellationToken.None));
        Assert.Null(await jobs.EnqueueAsync(987654, null, "test", CancellationToken.None));
    }

    [Fact]
    public async Task Job_CancelledWhileQueued_NeverRuns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await VotedCampaignAsync(database);
        var jobs = database.Get<ConsensusJobs>();
        var jobId = await jobs.EnqueueAsync(scenario.CampaignId, null, "test", CancellationToken.None);

        Assert.True(await BackgroundJobRows.CancelQueuedAsync(database.DbFactory, jobId!.Value, DateTime.UtcNow, CancellationToken.None));
        await jobs.RunAsync(jobId.Value, CancellationToken.None);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(BackgroundJobStatus.Cancelled, (await db.BackgroundJobs.SingleAsync(j => j.Id == jobId)).Status);
        Assert.Equal(0, await db.ConsensusResults.CountAsync(r => r.Method == AggregationMethods.DawidSkene));
    }

    [Fact]
    public async Task Run_CancelledDuringEstimation_StopsBeforeWritingRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await VotedCampaignAsync(database);
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress<RecomputeProgress>(p =>
        {
            if (p.Stage == "Dawid–Skene")
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.Get<ConsensusRecomputer>().RunAsync(scenario.CampaignId, progress, cancel.Token));

        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.ConsensusResults.CountAsync(r => r.Method == AggregationMethods.DawidSkene));
    }
}
