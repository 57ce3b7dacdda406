namespace QuakeDetective.Core.Consensus;

/// <summary>
/// The consensus of one subject. <see cref="VotesPerClass"/> and <see cref="Posterior"/> are aligned with <see cref="Classes"/>.
/// </summary>
/// <param name="SubjectId">The subject's id as given in the votes.</param>
/// <param name="Label">The chosen label (on a tie, the tied class that comes first in <see cref="Classes"/>).</param>
/// <param name="Confidence">Posterior probability of <see cref="Label"/> under the method (majority: the vote share).</param>
/// <param name="VoteCount">Counted votes on the subject.</param>
/// <param name="Agreement">Share of the votes that gave <see cref="Label"/>.</param>
/// <param name="IsTie">Another class scored exactly as high; <see cref="Label"/> was chosen by class order.</param>
/// <param name="IsGold">The subject has an expert label (Dawid–Skene clamps it to that label; the vote methods report the crowd).</param>
/// <param name="Classes">The vote set's classes.</param>
/// <param name="VotesPerClass">Number of votes per class.</param>
/// <param name="Posterior">Probability per class under the method; sums to 1.</param>
public sealed record SubjectConsensus(
    string SubjectId,
    string Label,
    double Confidence,
    int VoteCount,
    double Agreement,
    bool IsTie,
    bool IsGold,
    IReadOnlyList<string> Classes,
    IReadOnlyList<int> VotesPerClass,
    IReadOnlyList<double> Posterior)
{
    public int VotesFor(string label)
    {
        var i = IndexOf(label);
        return i < 0 ? 0 : VotesPerClass[i];
    }

    public double PosteriorOf(string label)
    {
        var i = IndexOf(label);
        return i < 0 ? 0 : Posterior[i];
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            if (string.Equals(Classes[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
