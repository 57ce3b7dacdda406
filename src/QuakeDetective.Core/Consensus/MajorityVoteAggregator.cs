namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Plain majority vote: the most frequent answer wins; confidence and agreement are its share of the
/// votes. A tie is reported (<see cref="SubjectConsensus.IsTie"/>) and broken by class order
/// (<see cref="VoteSet.Classes"/>: the first tied class wins). Gold labels are not used; gold subjects
/// are only flagged.
/// </summary>
public sealed class MajorityVoteAggregator : IVoteAggregator
{
    public string Method => AggregationMethods.Majority;

    public AggregationResult Aggregate(VoteSet votes, GoldLabels? gold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var goldPerSubject = votes.GoldClassPerSubject(gold);
        var k = votes.ClassCount;
        var counts = ConsensusBuilder.CountVotes(votes);
        var subjects = new SubjectConsensus[votes.SubjectCount];
        Span<double> scores = stackalloc double[k];
        for (var s = 0; s < votes.SubjectCount; s++)
        {
            if ((s & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = counts.AsSpan(s * k, k);
            var total = (double)votes.VotesOf(s);
            var posterior = new double[k];
            for (var c = 0; c < k; c++)
            {
                scores[c] = row[c];
                posterior[c] = row[c] / total;
            }

            var chosen = ConsensusBuilder.ArgMax(scores, out var isTie);
            subjects[s] = ConsensusBuilder.Build(votes, s, row, posterior, chosen, isTie, goldPerSubject[s] >= 0);
        }

        return new AggregationResult { Method = Method, Classes = votes.Classes, Subjects = subjects };
    }
}
