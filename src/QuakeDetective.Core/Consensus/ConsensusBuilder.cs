namespace QuakeDetective.Core.Consensus;

/// <summary>Shared last step of every method: from a subject's per-class scores to a <see cref="SubjectConsensus"/>.</summary>
internal static class ConsensusBuilder
{
    /// <summary>Scores closer than this (relative) are a tie; guards against summation-order rounding.</summary>
    private const double TieTolerance = 1e-12;

    /// <summary>Counts the votes per class of every subject: row-major [subject][class].</summary>
    public static int[] CountVotes(VoteSet votes)
    {
        var k = votes.ClassCount;
        var counts = new int[votes.SubjectCount * k];
        var offsets = votes.SubjectOffsetArray;
        var classes = votes.VoteClassArray;
        for (var s = 0; s < votes.SubjectCount; s++)
        {
            var row = s * k;
            for (var v = offsets[s]; v < offsets[s + 1]; v++)
            {
                counts[row + classes[v]]++;
            }
        }

        return counts;
    }

    /// <summary>Index of the highest score (lowest index wins among equals) and whether another class ties it.</summary>
    public static int ArgMax(ReadOnlySpan<double> scores, out bool isTie)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        var threshold = scores[best] - (TieTolerance * Math.Abs(scores[best]));
        isTie = false;
        for (var c = 0; c < scores.Length; c++)
        {
            if (c != best && scores[c] >= threshold)
            {
                isTie = true;
                if (c < best)
                {
                    best = c;
                }
            }
        }

        return best;
    }

    /// <summary>Builds the record; <paramref name="posterior"/> must already sum to 1.</summary>
    public static SubjectConsensus Build(
        VoteSet votes,
        int subject,
        ReadOnlySpan<int> counts,
        double[] posterior,
        int chosen,
        bool isTie,
        bool isGold)
    {
        var voteCount = votes.VotesOf(subject);
        return new SubjectConsensus(
            votes.SubjectIds[subject],
            votes.Classes[chosen],
            posterior[chosen],
            voteCount,
            voteCount == 0 ? 0 : counts[chosen] / (double)voteCount,
            isTie,
            isGold,
            votes.Classes,
            counts.ToArray(),
            posterior);
    }
}
