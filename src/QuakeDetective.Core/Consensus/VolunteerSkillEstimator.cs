namespace QuakeDetective.Core.Consensus;

/// <summary>Volunteer skill from gold subjects: each volunteer's confusion matrix against the expert labels.</summary>
public static class VolunteerSkillEstimator
{
    /// <summary>
    /// The confusion matrix of every volunteer with at least one vote on a gold subject, in the vote
    /// set's volunteer order. Precision, recall and F1 per class come from <see cref="ConfusionMatrix"/>.
    /// </summary>
    public static IReadOnlyList<VolunteerSkill> FromGold(VoteSet votes, GoldLabels gold)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(gold);
        var counts = GoldCounts(votes, votes.GoldClassPerSubject(gold), out var goldVotes);
        var k = votes.ClassCount;
        var skills = new List<VolunteerSkill>();
        for (var j = 0; j < votes.VolunteerCount; j++)
        {
            if (goldVotes[j] > 0)
            {
                skills.Add(new VolunteerSkill(votes.VolunteerIds[j], VolunteerSkillSource.Gold, new ConfusionMatrix(votes.Classes, counts.AsSpan(j * k * k, k * k))));
            }
        }

        return skills;
    }

    /// <summary>Row-major [volunteer][true class][answer] counts over gold subjects, and gold votes per volunteer.</summary>
    internal static double[] GoldCounts(VoteSet votes, int[] goldPerSubject, out int[] goldVotesPerVolunteer)
    {
        var k = votes.ClassCount;
        var counts = new double[votes.VolunteerCount * k * k];
        goldVotesPerVolunteer = new int[votes.VolunteerCount];
        var offsets = votes.SubjectOffsetArray;
        var volunteers = votes.VoteVolunteerArray;
        var classes = votes.VoteClassArray;
        for (var s = 0; s < votes.SubjectCount; s++)
        {
            var truth = goldPerSubject[s];
            if (truth < 0)
            {
                continue;
            }

            for (var v = offsets[s]; v < offsets[s + 1]; v++)
            {
                var j = volunteers[v];
                counts[(j * k * k) + (truth * k) + classes[v]]++;
                goldVotesPerVolunteer[j]++;
            }
        }

        return counts;
    }
}
