using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Domain;
using E = QuakeDetective.Core.Domain.DefaultAnswers;
using SubjectRetirement = QuakeDetective.Core.Domain.RetirementReason;

namespace QuakeDetective.Core.Tests.Classifications;

/// <summary>Gold subjects keep collecting votes: neither the vote limit nor early consensus retires them; a scientist still can.</summary>
public sealed class GoldRetirementTests
{
    [Fact]
    public async Task Vote_OnGoldSubject_NeverRetiresByRule_ButByHand()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 2, retirement: new RetirementSettings { MaxVotes = 4, EarlyConsensusRules = "2-3:1" });
        var v = await scenario.VolunteersAsync(6);
        var (gold, plain) = (scenario.Subjects[0], scenario.Subjects[1]);
        await scenario.GoldAsync(gold, E.Earthquake);

        var goldVotes = new List<SubmitResult>();
        foreach (var volunteer in v)
        {
            goldVotes.Add(await scenario.VoteAsync(volunteer, gold, E.Earthquake)); // unanimous, past early consensus and the limit
        }

        await scenario.VoteAsync(v[0], plain, E.Earthquake);
        var control = await scenario.VoteAsync(v[1], plain, E.Earthquake);

        Assert.All(goldVotes, r => Assert.False(r.Retired));
        var subject = await scenario.SubjectAsync(gold);
        Assert.Equal((SubjectStatus.Active, (SubjectRetirement?)null, 6), (subject.Status, subject.RetirementReason, subject.VoteCount));
        Assert.Equal(E.Earthquake, (await scenario.RowAsync(gold, AggregationMethods.Majority))!.Label); // consensus still kept live
        Assert.True(control.Retired);
        Assert.Equal(SubjectRetirement.EarlyConsensus, (await scenario.SubjectAsync(plain)).RetirementReason);

        Assert.True(await database.Get<SubjectRetirementService>().RetireAsync(gold, null, CancellationToken.None));
        var byHand = await scenario.SubjectAsync(gold);
        Assert.Equal((SubjectStatus.Retired, (SubjectRetirement?)SubjectRetirement.ByHand), (byHand.Status, byHand.RetirementReason));
    }
}
