using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;

namespace QuakeDetective.Core.Tests.Queue;

public sealed class QueuePolicyTests
{
    private static readonly QueueSettings Defaults = new();

    private static QueueCandidate C(long id, int votes = 0, double? priority = null, int reserved = 0) => new(id, votes, priority, reserved);

    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(19, 0.4)]
    [InlineData(20, 0.1)]
    [InlineData(500, 0.1)]
    public void GoldRate_FallsAfterTheNewcomerAnswers(int answered, double expected)
    {
        Assert.Equal(expected, QueuePolicy.GoldRate(Defaults, answered));
    }

    [Fact]
    public void Draw_SeededOverManyNewcomerAndExperiencedPicks_MatchesTheCampaignRates()
    {
        var policy = new QueuePolicy(new SeededQueueRandom(7));
        const int n = 20_000;

        var newcomerGold = Enumerable.Range(0, n).Count(_ => policy.Draw(Defaults, 3).Gold) / (double)n;
        var experiencedGold = Enumerable.Range(0, n).Count(_ => policy.Draw(Defaults, 50).Gold) / (double)n;
        var random = Enumerable.Range(0, n).Count(_ => policy.Draw(Defaults, 50).Random) / (double)n;

        Assert.InRange(newcomerGold, 0.38, 0.42);
        Assert.InRange(experiencedGold, 0.09, 0.11);
        Assert.InRange(random, 0.09, 0.11);
    }

    [Fact]
    public void Draw_RatesZeroAndOne_NeverAndAlways()
    {
        var never = new QueueSettings { GoldRateNewcomer = 0, GoldRateExperienced = 0, RandomShare = 0 };
        var always = new QueueSettings { GoldRateNewcomer = 1, GoldRateExperienced = 1, RandomShare = 1 };
        var policy = new QueuePolicy(new SeededQueueRandom(1));

        Assert.All(Enumerable.Range(0, 200).Select(_ => policy.Draw(never, 0)), d => Assert.Equal(new QueueDraw(false, false), d));
        Assert.All(Enumerable.Range(0, 200).Select(_ => policy.Draw(always, 0)), d => Assert.Equal(new QueueDraw(true, true), d));
    }

    [Fact]
    public void PickOrdered_PrefersMostVotes_ThenPriority_ThenOldest()
    {
        var candidates = new[] { C(5, votes: 2), C(3, votes: 7), C(9, votes: 7, priority: 0.9), C(4, votes: 7, priority: 0.9), C(1, votes: 0, priority: 5) };

        var pick = QueuePolicy.PickOrdered(candidates, maxVotes: 10);

        Assert.Equal(new QueuePick(4, QueuePickReason.NearestRetirement), pick);
    }

    [Fact]
    public void PickOrdered_NoVotesYet_HighestPriorityFirst()
    {
        var candidates = new[] { C(1), C(2, priority: 0.2), C(3, priority: 1.3), C(4, priority: null) };

        Assert.Equal(new QueuePick(3, QueuePickReason.Priority), QueuePolicy.PickOrdered(candidates, maxVotes: 10));
    }

    [Fact]
    public void PickOrdered_SubjectOthersAreCompleting_GoesLast()
    {
        // Subject 1 needs one more vote and two other volunteers hold it right now; 3 still needs one beyond its holder.
        var candidates = new[] { C(1, votes: 9, reserved: 2), C(2, votes: 4), C(3, votes: 8, reserved: 1) };

        Assert.Equal(3L, QueuePolicy.PickOrdered(candidates, maxVotes: 10)!.Value.SubjectId);
        Assert.Equal(2L, QueuePolicy.PickOrdered([C(1, votes: 9, reserved: 2), C(2, votes: 4), C(3, votes: 8, reserved: 2)], maxVotes: 10)!.Value.SubjectId);
        Assert.Equal(1L, QueuePolicy.PickOrdered([C(1, votes: 9, reserved: 2)], maxVotes: 10)!.Value.SubjectId);
    }

    [Fact]
    public void PickOrdered_ReservedButStillShort_KeepsItsPlace()
    {
        var candidates = new[] { C(1, votes: 6, reserved: 2), C(2, votes: 5) };

        Assert.Equal(1L, QueuePolicy.PickOrdered(candidates, maxVotes: 10)!.Value.SubjectId);
    }

    [Fact]
    public async Task Choose_GoldDrawn_ShowsAGoldSubject()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.99));
        var sources = QueueSources.From(gold: [C(70), C(71)], random: [C(30)], ordered: [C(10, votes: 3)]);

        var pick = await policy.ChooseAsync(new QueueDraw(Gold: true, Random: false), sources, 10, CancellationToken.None);

        Assert.Equal(new QueuePick(71, QueuePickReason.Gold), pick);
    }

    [Fact]
    public async Task Choose_GoldDrawnButNoneLeft_FallsBackToOrder()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.5));
        var sources = QueueSources.From(gold: [], random: [C(30)], ordered: [C(10, votes: 3), C(11, votes: 4)]);

        var pick = await policy.ChooseAsync(new QueueDraw(Gold: true, Random: false), sources, 10, CancellationToken.None);

        Assert.Equal(new QueuePick(11, QueuePickReason.NearestRetirement), pick);
    }

    [Fact]
    public async Task Choose_RandomDrawn_TakesTheRandomCandidate()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.5));
        var sources = QueueSources.From(gold: [C(70)], random: [C(30), C(31)], ordered: [C(10, votes: 3)]);

        var pick = await policy.ChooseAsync(new QueueDraw(Gold: false, Random: true), sources, 10, CancellationToken.None);

        Assert.Equal(new QueuePick(30, QueuePickReason.Random), pick);
    }

    [Fact]
    public async Task Choose_NotDrawn_NeverTouchesGoldOrRandom()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.5));
        var sources = new QueueSources(
            _ => throw new InvalidOperationException("gold fetched"),
            _ => throw new InvalidOperationException("random fetched"),
            _ => Task.FromResult<IReadOnlyList<QueueCandidate>>([C(10, votes: 3)]));

        var pick = await policy.ChooseAsync(new QueueDraw(false, false), sources, 10, CancellationToken.None);

        Assert.Equal(10L, pick!.Value.SubjectId);
    }

    [Fact]
    public async Task Choose_OnlyGoldLeft_ShowsGoldRatherThanFinishing()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.1));
        var sources = QueueSources.From(gold: [C(70)], random: [], ordered: []);

        var pick = await policy.ChooseAsync(new QueueDraw(false, true), sources, 10, CancellationToken.None);

        Assert.Equal(new QueuePick(70, QueuePickReason.Gold), pick);
    }

    [Fact]
    public async Task Choose_NothingLeft_ReturnsNull()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.1));

        Assert.Null(await policy.ChooseAsync(new QueueDraw(true, true), QueueSources.From([], [], []), 10, CancellationToken.None));
    }

    [Fact]
    public void RandomStart_StaysInsideTheRange()
    {
        var policy = new QueuePolicy(new ScriptedRandom(0.0, 0.999999, 0.5));

        Assert.Equal(100, policy.RandomStart(100, 200));
        Assert.Equal(200, policy.RandomStart(100, 200));
        Assert.Equal(150, policy.RandomStart(100, 200));
        Assert.Equal(7, policy.RandomStart(7, 7));
    }
}
