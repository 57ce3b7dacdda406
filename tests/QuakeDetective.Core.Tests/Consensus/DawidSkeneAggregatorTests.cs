using QuakeDetective.Core.Consensus;
using static QuakeDetective.Core.Tests.Consensus.VoteBuilder;

namespace QuakeDetective.Core.Tests.Consensus;

public class DawidSkeneAggregatorTests
{
    private static readonly string[] TwoClasses = ["A", "B"];

    [Fact]
    public void Aggregate_OneEmStep_MatchesHandComputation()
    {
        // s1: v1 A, v2 A. s2: v1 A, v2 B. Start T(s1) = (1, 0), T(s2) = (½, ½). Laplace α = β = 1.
        var votes = Votes(TwoClasses, ("s1", "v1", "A"), ("s1", "v2", "A"), ("s2", "v1", "A"), ("s2", "v2", "B"));
        var options = new DawidSkeneOptions { Smoothing = 1, PriorSmoothing = 1, MaxIterations = 1 };

        var result = new DawidSkeneAggregator(options).Aggregate(votes, null);

        // M-step: p = ((1.5 + 1) / 4, (0.5 + 1) / 4).
        // v1 counts: true A → answers (A 1.5, B 0); true B → (A 0.5, B 0). π_v1(A|A) = 2.5/3.5, π_v1(A|B) = 1.5/2.5.
        // v2 counts: true A → (A 1, B 0.5); true B → (A 0, B 0.5). π_v2(B|A) = 1.5/3.5, π_v2(B|B) = 1.5/2.5.
        var pa = 2.5 / 4;
        var pb = 1.5 / 4;
        var s2A = pa * (2.5 / 3.5) * (1.5 / 3.5);
        var s2B = pb * (1.5 / 2.5) * (1.5 / 2.5);
        var s1A = pa * (2.5 / 3.5) * (2.0 / 3.5);
        var s1B = pb * (1.5 / 2.5) * (1.0 / 2.5);
        Assert.Equal(s2A / (s2A + s2B), result.Find("s2")!.PosteriorOf("A"), 12);
        Assert.Equal(s1A / (s1A + s1B), result.Find("s1")!.PosteriorOf("A"), 12);
        Assert.Equal(Math.Log(s1A + s1B) + Math.Log(s2A + s2B), result.LogLikelihood!.Value, 10);
        Assert.Equal(1, result.Iterations);
        Assert.False(result.Converged);
    }

    [Theory]
    [InlineData(4, 0.01)] // the vectorised path
    [InlineData(3, 0.5)] // the scalar path
    [InlineData(4, 0)] // maximum likelihood, as in the paper
    public void Aggregate_MatchesNaiveReferenceImplementation(int k, double smoothing)
    {
        var random = new Random(42);
        var classes = Enumerable.Range(0, k).Select(c => $"c{c}").ToArray();
        var raw = new List<(string Subject, string Volunteer, int Answer)>();
        for (var s = 0; s < 40; s++)
        {
            var truth = random.Next(k);
            foreach (var j in Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(1 + random.Next(5)))
            {
                var answer = random.NextDouble() < 0.3 + (0.08 * j) ? truth : random.Next(k);
                raw.Add(($"s{s}", $"v{j}", answer));
            }
        }

        var gold = new Dictionary<string, int> { ["s0"] = 1, ["s7"] = 0 };
        var votes = VoteSet.Create(raw.Select(r => new Vote(r.Subject, r.Volunteer, classes[r.Answer])), classes);
        var options = new DawidSkeneOptions { Smoothing = smoothing, PriorSmoothing = smoothing, MaxIterations = 7, Tolerance = 0 };

        var result = new DawidSkeneAggregator(options).Aggregate(votes, new GoldLabels(gold.Select(g => KeyValuePair.Create(g.Key, classes[g.Value]))));
        var expected = ReferenceDawidSkene.Run(raw, k, smoothing, smoothing, 7, gold);

        foreach (var subject in result.Subjects)
        {
            for (var c = 0; c < k; c++)
            {
                Assert.Equal(expected[subject.SubjectId][c], subject.Posterior[c], 9);
            }
        }
    }

    [Fact]
    public void Aggregate_GoldSubject_ClampedToGoldLabelWhateverTheVotes()
    {
        var votes = Votes(TwoClasses, ("g", "a", "B"), ("g", "b", "B"), ("g", "c", "B"), ("x", "a", "A"));

        var g = new DawidSkeneAggregator().Aggregate(votes, GoldOf(("g", "A"))).Find("g")!;

        Assert.Equal("A", g.Label);
        Assert.Equal(1, g.Confidence);
        Assert.Equal([1.0, 0.0], g.Posterior);
        Assert.True(g.IsGold);
        Assert.Equal(0, g.Agreement); // nobody voted A
    }

    [Fact]
    public void Aggregate_GoldTeachesThatAVolunteerIsAlwaysWrong()
    {
        // On gold, v1 always says the opposite of the truth and v2 is right; on x they disagree.
        // Majority would tie; Dawid–Skene trusts v2 and also reads v1's "A" as evidence for B.
        var raw = new List<(string, string, string)>();
        var gold = new List<(string, string)>();
        for (var i = 0; i < 6; i++)
        {
            var truth = i % 2 == 0 ? "A" : "B";
            var opposite = truth == "A" ? "B" : "A";
            raw.Add(($"g{i}", "v1", opposite));
            raw.Add(($"g{i}", "v2", truth));
            gold.Add(($"g{i}", truth));
        }

        raw.Add(("x", "v1", "A"));
        raw.Add(("x", "v2", "B"));

        var x = new DawidSkeneAggregator().Aggregate(Votes(TwoClasses, [.. raw]), GoldOf([.. gold])).Find("x")!;

        Assert.Equal("B", x.Label);
        Assert.True(x.Confidence > 0.99, $"confidence {x.Confidence}");
        Assert.False(x.IsTie);
    }

    [Fact]
    public void Aggregate_SingleVoteSubjectAndConstantVolunteer_FiniteAndNormalised()
    {
        // v3 answers A to everything: no information, so its vote must not decide s3.
        var votes = Votes(
            TwoClasses,
            ("s1", "v1", "A"), ("s1", "v2", "A"), ("s1", "v3", "A"),
            ("s2", "v1", "B"), ("s2", "v2", "B"), ("s2", "v3", "A"),
            ("s3", "v1", "B"), ("s3", "v3", "A"),
            ("s4", "v3", "A"));

        var result = new DawidSkeneAggregator().Aggregate(votes, null);

        foreach (var s in result.Subjects)
        {
            Assert.All(s.Posterior, p => Assert.True(double.IsFinite(p) && p >= 0 && p <= 1));
            Assert.Equal(1, s.Posterior.Sum(), 12);
        }

        Assert.Equal("B", result.Find("s3")!.Label);
        Assert.Equal(1, result.Find("s4")!.VoteCount);
        Assert.True(result.Converged);
        Assert.True(double.IsFinite(result.LogLikelihood!.Value));
    }

    [Fact]
    public void Aggregate_NoSmoothing_VolunteerNeverSeesAClass_StaysFinite()
    {
        var votes = Votes(["A", "B", "C"], ("s1", "v1", "A"), ("s1", "v2", "A"), ("s2", "v1", "B"));

        var result = new DawidSkeneAggregator(new DawidSkeneOptions { Smoothing = 0, PriorSmoothing = 0 }).Aggregate(votes, null);

        Assert.All(result.Subjects, s => Assert.Equal(1, s.Posterior.Sum(), 12));
        Assert.True(double.IsFinite(result.LogLikelihood!.Value));
    }

    [Fact]
    public void Aggregate_IsDeterministic()
    {
        var random = new Random(7);
        var raw = Enumerable.Range(0, 500).Select(i => new Vote($"s{i % 60}", $"v{random.Next(25)}", $"c{random.Next(4)}")).ToList();
        var votes = VoteSet.Create(raw);

        var first = new DawidSkeneAggregator().Aggregate(votes, null);
        var second = new DawidSkeneAggregator().Aggregate(votes, null);

        Assert.Equal(first.Subjects.SelectMany(s => s.Posterior), second.Subjects.SelectMany(s => s.Posterior));
        Assert.Equal(first.LogLikelihood, second.LogLikelihood);
    }

    [Fact]
    public void Aggregate_VolunteerSkill_ExpectedCountsUnderFinalPosteriors()
    {
        var votes = Votes(TwoClasses, ("g1", "a", "A"), ("g2", "a", "A"));

        var result = new DawidSkeneAggregator().Aggregate(votes, GoldOf(("g1", "A"), ("g2", "B")));

        var a = Assert.Single(result.Volunteers);
        Assert.Equal(VolunteerSkillSource.DawidSkene, a.Source);
        Assert.Equal(1, a.Confusion["A", "A"], 12);
        Assert.Equal(1, a.Confusion["B", "A"], 12);
        Assert.Equal(0, a.Confusion["B", "B"], 12);
        Assert.Equal(0.5, a.Precision("A")!.Value, 12);
    }

    [Theory]
    [InlineData(-1.0, 1e-7, 10)]
    [InlineData(0.01, -1.0, 10)]
    [InlineData(0.01, 1e-7, 0)]
    public void Aggregate_InvalidOptions_Rejected(double smoothing, double tolerance, int maxIterations)
    {
        var options = new DawidSkeneOptions { Smoothing = smoothing, Tolerance = tolerance, MaxIterations = maxIterations };

        Assert.Throws<ArgumentException>(() => new DawidSkeneAggregator(options).Aggregate(Votes(TwoClasses, ("s", "a", "A")), null));
    }
}
