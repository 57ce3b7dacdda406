using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// What one method says about one subject, as stored in a <see cref="ConsensusResult"/> row. Vote count, votes per
/// answer and agreement always describe the counted human votes (so they agree between methods); label, confidence
/// and tie come from the method (which may also have heard the model's vote).
/// </summary>
public sealed record ConsensusRow(
    long SubjectId,
    string Method,
    string Label,
    double Confidence,
    double Agreement,
    int VoteCount,
    bool IsTie,
    string VotesPerAnswerJson)
{
    /// <summary>Builds the row from a method's result and the subject's human votes per answer.</summary>
    public static ConsensusRow From(long subjectId, string method, SubjectConsensus consensus, IReadOnlyList<string> answers, IReadOnlyList<int> humanCounts)
    {
        var total = 0;
        var forLabel = 0;
        for (var i = 0; i < answers.Count; i++)
        {
            total += humanCounts[i];
            if (string.Equals(answers[i], consensus.Label, StringComparison.Ordinal))
            {
                forLabel = humanCounts[i];
            }
        }

        return new ConsensusRow(
            subjectId,
            method,
            consensus.Label,
            consensus.Confidence,
            total == 0 ? 0 : forLabel / (double)total,
            total,
            consensus.IsTie,
            VotesPerAnswer.ToJson(answers, humanCounts));
    }

    /// <summary>Copies the values (and the time) into a tracked or new entity; returns false, touching nothing, when the values are already there.</summary>
    public bool ApplyTo(ConsensusResult entity, DateTime computedAt)
    {
        var same = entity.SubjectId == SubjectId &&
                   string.Equals(entity.Method, Method, StringComparison.Ordinal) &&
                   string.Equals(entity.Label, Label, StringComparison.Ordinal) &&
                   Math.Abs(entity.Confidence - Confidence) < 1e-9 &&
                   Math.Abs(entity.Agreement - Agreement) < 1e-12 &&
                   entity.VoteCount == VoteCount &&
                   entity.IsTie == IsTie &&
                   string.Equals(entity.VotesPerAnswerJson, VotesPerAnswerJson, StringComparison.Ordinal);
        if (same)
        {
            return false;
        }

        entity.SubjectId = SubjectId;
        entity.Method = Method;
        entity.Label = Label;
        entity.Confidence = Confidence;
        entity.Agreement = Agreement;
        entity.VoteCount = VoteCount;
        entity.IsTie = IsTie;
        entity.VotesPerAnswerJson = VotesPerAnswerJson;
        entity.ComputedAt = computedAt;
        return true;
    }

    public ConsensusResult ToEntity(DateTime computedAt)
    {
        var entity = new ConsensusResult { Method = Method, Label = Label };
        ApplyTo(entity, computedAt);
        return entity;
    }
}
