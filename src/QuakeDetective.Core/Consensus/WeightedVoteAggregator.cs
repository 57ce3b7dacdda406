namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Reliability-weighted vote as in the original Earthquake Detective analysis: a vote for class c counts
/// with the volunteer's F1 for c against expert (gold) labels. Volunteers with little or no gold history
/// are smoothed towards a prior: the F1 of all volunteers' gold votes pooled (empirical Bayes), or
/// <see cref="WeightedVoteOptions.DefaultWeight"/> where no gold bears on a class. Without any gold, every
/// weight is the default and the result equals the majority vote (with weighted confidences).
/// Confidence = the label's share of the subject's total weight. Ties (equal weight) are reported and
/// broken by class order. Gold subjects are flagged, not overridden.
/// </summary>
public sealed class WeightedVoteAggregator(WeightedVoteOptions? options = null) : IVoteAggregator
{
    private readonly WeightedVoteOptions _options = options ?? new WeightedVoteOptions();

    public string Method => AggregationMethods.Weighted;

    public WeightedVoteOptions Options => _options;

    public AggregationResult Aggregate(VoteSet votes, GoldLabels? gold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(votes);
        _options.Validate();
        var goldPerSubject = votes.GoldClassPerSubject(gold);
        var k = votes.ClassCount;
        var weights = ClassWeights(votes, goldPerSubject, out var goldCounts, out var goldVotes);
        cancellationToken.ThrowIfCancellationRequested();

        var counts = ConsensusBuilder.CountVotes(votes);
        var offsets = votes.SubjectOffsetArray;
        var volunteers = votes.VoteVolunteerArray;
        var classes = votes.VoteClassArray;
        var subjects = new SubjectConsensus[votes.SubjectCount];
        Span<double> scores = stackalloc double[k];
        for (var s = 0; s < votes.SubjectCount; s++)
        {
            if ((s & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            scores.Clear();
            for (var v = offsets[s]; v < offsets[s + 1]; v++)
            {
                var c = classes[v];
                scores[c] += weights[(volunteers[v] * k) + c];
            }

            var row = counts.AsSpan(s * k, k);
            var total = 0.0;
            for (var c = 0; c < k; c++)
            {
                total += scores[c];
            }

            if (total <= 0)
            {
                // Every voter has weight 0: fall back to the plain counts rather than invent a label.
                total = votes.VotesOf(s);
                for (var c = 0; c < k; c++)
                {
                    scores[c] = row[c];
                }
            }

            var posterior = new double[k];
            for (var c = 0; c < k; c++)
            {
                posterior[c] = scores[c] / total;
            }

            var chosen = ConsensusBuilder.ArgMax(scores, out var isTie);
            subjects[s] = ConsensusBuilder.Build(votes, s, row, posterior, chosen, isTie, goldPerSubject[s] >= 0);
        }

        var skills = new VolunteerSkill[votes.VolunteerCount];
        for (var j = 0; j < votes.VolunteerCount; j++)
        {
            skills[j] = new VolunteerSkill(
                votes.VolunteerIds[j],
                VolunteerSkillSource.Gold,
                new ConfusionMatrix(votes.Classes, goldCounts.AsSpan(j * k * k, k * k)),
                weights.AsSpan(j * k, k).ToArray());
        }

        return new AggregationResult { Method = Method, Classes = votes.Classes, Subjects = subjects, Volunteers = skills };
    }

    /// <summary>
    /// Prior weight per class from everybody's gold votes pooled into one matrix: the class's F1; classes without
    /// gold evidence take the mean F1 of the others (so no class is favoured just for lacking gold), else
    /// <paramref name="defaultWeight"/>.
    /// </summary>
    public static double[] PooledPrior(ConfusionMatrix pooled, double defaultWeight)
    {
        ArgumentNullException.ThrowIfNull(pooled);
        var k = pooled.Classes.Count;
        var known = new List<double>();
        for (var c = 0; c < k; c++)
        {
            if (pooled.F1(c) is { } f1)
            {
                known.Add(f1);
            }
        }

        var fallback = known.Count > 0 ? known.Average() : defaultWeight;
        var prior = new double[k];
        for (var c = 0; c < k; c++)
        {
            prior[c] = pooled.F1(c) ?? fallback;
        }

        return prior;
    }

    /// <summary>Row-major [volunteer][class] weights of an answer.</summary>
    internal double[] ClassWeights(VoteSet votes, int[] goldPerSubject, out double[] goldCounts, out int[] goldVotes)
    {
        var k = votes.ClassCount;
        var j = votes.VolunteerCount;
        goldCounts = VolunteerSkillEstimator.GoldCounts(votes, goldPerSubject, out goldVotes);

        var pooled = new double[k * k];
        for (var i = 0; i < goldCounts.Length; i++)
        {
            pooled[i % (k * k)] += goldCounts[i];
        }

        var prior = PooledPrior(new ConfusionMatrix(votes.Classes, pooled), _options.DefaultWeight);
        if (_options.ClassPrior is { } fixedPrior)
        {
            for (var c = 0; c < k; c++)
            {
                if (fixedPrior.TryGetValue(votes.Classes[c], out var p))
                {
                    prior[c] = p;
                }
            }
        }

        var m = _options.PriorStrength;
        var weights = new double[j * k];
        for (var v = 0; v < j; v++)
        {
            var multiplier = _options.VolunteerWeights is { } fixedWeights && fixedWeights.TryGetValue(votes.VolunteerIds[v], out var w) ? w : 1.0;
            var baseIndex = v * k * k;
            for (var c = 0; c < k; c++)
            {
                // F1 = 2TP / (row + column); evidence n = row + column − TP (the gold votes that involve c).
                var tp = goldCounts[baseIndex + (c * k) + c];
                var involved = 0.0;
                for (var other = 0; other < k; other++)
                {
                    involved += goldCounts[baseIndex + (c * k) + other] + goldCounts[baseIndex + (other * k) + c];
                }

                var n = involved - tp;
                var f1 = involved > 0 ? 2 * tp / involved : 0;
                var smoothed = n + m > 0 ? ((n * f1) + (m * prior[c])) / (n + m) : prior[c];
                weights[(v * k) + c] = multiplier * smoothed;
            }
        }

        return weights;
    }
}
