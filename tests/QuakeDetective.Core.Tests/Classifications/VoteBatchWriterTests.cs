using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using E = QuakeDetective.Core.Domain.DefaultAnswers;

namespace QuakeDetective.Core.Tests.Classifications;

/// <summary>One batch of the vote writer: duplicates inside the batch, and the vote-by-vote fallback after a conflict.</summary>
public sealed class VoteBatchWriterTests
{
    [Fact]
    public async Task Write_DuplicatesInsideOneBatch_AnsweredLikeSeparateRequestsInOneTransaction()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 2, retirement: new RetirementSettings { MaxVotes = 10, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(3);
        var (s1, s2) = (scenario.Subjects[0], scenario.Subjects[1]);
        var writer = database.Get<VoteBatchWriter>();
        PendingVote[] batch =
        [
            Pending(v[0], s1, E.Noise, "k1"), // created
            Pending(v[0], s1, E.Noise, "k1"), // the same request again: replay of the first
            Pending(v[0], s2, E.Noise, "k1"), // the key again for another subject
            Pending(v[0], s1, E.Tremor, "k2"), // the subject again under another key
            Pending(v[1], s1, E.Tremor, "k1"), // keys belong to a volunteer: created
            Pending(v[2], 999_999, E.Noise, "k3"), // no such subject
            Pending(v[2], s2, "Volcano", "k4"), // not an answer of the campaign
            Pending(v[2], s2, E.Earthquake, "k4"), // the refused vote did not take the key: created
        ];

        await writer.WriteAsync(batch, CancellationToken.None);
        var r = await Task.WhenAll(batch.Select(p => p.Task));

        Assert.Equal(0, writer.BatchesRolledBack); // resolved inside the batch, not by the unique indexes
        Assert.Equal(
            [SubmitOutcome.Created, SubmitOutcome.Replayed, SubmitOutcome.AlreadyAnswered, SubmitOutcome.AlreadyAnswered, SubmitOutcome.Created,
             SubmitOutcome.UnknownSubject, SubmitOutcome.InvalidAnswer, SubmitOutcome.Created],
            r.Select(x => x.Outcome));
        Assert.Equal(r[0].ClassificationId, r[1].ClassificationId);
        Assert.Equal(r[0].ClassificationId, r[2].ClassificationId);
        Assert.Equal(r[0].ClassificationId, r[3].ClassificationId);
        Assert.Contains("another subject", r[2].Message, StringComparison.Ordinal);
        Assert.Contains("already answered", r[3].Message, StringComparison.Ordinal);
        Assert.Null(r[5].ClassificationId);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var stored = await db.Classifications.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.VolunteerId, c.SubjectId, c.Answer }).ToListAsync();
        Assert.Equal([(r[0].ClassificationId, v[0], s1, E.Noise), (r[4].ClassificationId, v[1], s1, E.Tremor), (r[7].ClassificationId, v[2], s2, E.Earthquake)],
            stored.Select(c => ((long?)c.Id, c.VolunteerId, c.SubjectId, c.Answer)));
        Assert.Equal(2, (await scenario.SubjectAsync(s1)).VoteCount);
        Assert.Equal(1, (await scenario.SubjectAsync(s2)).VoteCount);
        Assert.Equal(2, (await scenario.RowAsync(s1, AggregationMethods.Majority))!.VoteCount);
    }

    [Fact]
    public async Task Write_ConflictCommittedByAnotherWriterDuringTheBatch_FallsBackVoteByVoteWithRightAnswers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 2, retirement: new RetirementSettings { MaxVotes = 10, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(3);
        var (s1, s2) = (scenario.Subjects[0], scenario.Subjects[1]);
        var writer = database.Get<VoteBatchWriter>();
        long otherId = 0;

        // Another instance stores v1's vote (same key) after this batch checked for duplicates and before it inserts.
        writer.BeforeTransactionForTests = async ct =>
        {
            writer.BeforeTransactionForTests = null;
            await using var other = await database.DbFactory.CreateDbContextAsync(ct);
            var row = new Classification { SubjectId = s1, VolunteerId = v[1], Answer = E.Tremor, IdempotencyKey = "k2", FinishedAt = DateTime.UtcNow };
            other.Classifications.Add(row);
            await other.SaveChangesAsync(ct);
            otherId = row.Id;
        };
        PendingVote[] batch =
        [
            Pending(v[0], s1, E.Noise, "k1"),
            Pending(v[1], s1, E.Tremor, "k2"), // stored meanwhile by the other writer: a replay of its row
            Pending(v[2], s2, E.Earthquake, "k3"),
            Pending(v[1], s1, E.Noise, "k9"), // in the batch a duplicate of the vote above; in the fallback, of the other row
        ];

        await writer.WriteAsync(batch, CancellationToken.None);
        var r = await Task.WhenAll(batch.Select(p => p.Task));

        Assert.Equal(1, writer.BatchesRolledBack);
        Assert.Equal([SubmitOutcome.Created, SubmitOutcome.Replayed, SubmitOutcome.Created, SubmitOutcome.AlreadyAnswered], r.Select(x => x.Outcome));
        Assert.Equal(otherId, r[1].ClassificationId);
        Assert.Equal(otherId, r[3].ClassificationId);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var ids = await db.Classifications.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        Assert.Equal(new[] { otherId, r[0].ClassificationId!.Value, r[2].ClassificationId!.Value }.Order(), ids);
        Assert.Equal(2, (await scenario.SubjectAsync(s1)).VoteCount); // recounted: the fallback's vote and the other writer's
        Assert.Equal(1, (await scenario.SubjectAsync(s2)).VoteCount);
    }

    [Fact]
    public async Task Submit_ManyConcurrentVotersOnOneSubject_CountAndRetireExactlyOnce()
    {
        // Through the queue: concurrent votes share batches; the subject retires at its limit, reported by one vote.
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 1, retirement: new RetirementSettings { MaxVotes = 5, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(12);
        var service = database.Get<ClassificationService>();
        var retired = new List<SubjectStatusChange>();
        database.Get<SubjectStatusNotifier>().Changed += change => { lock (retired) { retired.Add(change); } };

        var results = await Task.WhenAll(v.Select((volunteer, i) => Task.Run(() =>
            service.SubmitAsync(new ClassificationRequest(volunteer, scenario.Subjects[0], i % 2 == 0 ? E.Noise : E.Tremor, $"k{i}"), CancellationToken.None))));

        Assert.All(results, x => Assert.Equal(SubmitOutcome.Created, x.Outcome));
        Assert.Single(results, x => x.Retired);
        Assert.Single(retired);
        var subject = await scenario.SubjectAsync(scenario.Subjects[0]);
        Assert.Equal(12, subject.VoteCount);
        Assert.Equal(SubjectStatus.Retired, subject.Status);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var fifth = await db.Classifications.OrderBy(c => c.Id).Skip(4).Select(c => c.Id).FirstAsync();
        Assert.Equal(fifth, results.Single(x => x.Retired).ClassificationId); // the vote that met the rule, in commit order
    }

    private static PendingVote Pending(long volunteer, long subject, string answer, string key) =>
        new(new ClassificationRequest(volunteer, subject, answer, key));
}
