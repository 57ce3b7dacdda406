namespace QuakeDetective.Core.Classifications;

/// <summary>
/// Stores votes exactly once. A vote is checked for shape here and then written by the process's
/// <see cref="VoteWriter"/>, which groups concurrent votes into one transaction and answers after the commit. The
/// database's unique indexes (volunteer+subject, volunteer+key) are the final word: a race between two identical
/// requests ends with one row, and the loser is answered from that row. With the vote, in the same transaction, a
/// counted vote updates the subject's count, retires it when the campaign's rule is met (it leaves every queue with the
/// commit; gold subjects never retire by the rule), and rewrites its live majority and weighted consensus. Expert votes
/// (Scientist/Admin accounts) are stored but change none of these.
/// </summary>
public sealed class ClassificationService(VoteWriter writer)
{
    public const int MaxKeyLength = 100;

    public async Task<SubmitResult> SubmitAsync(ClassificationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > MaxKeyLength)
        {
            return new SubmitResult(SubmitOutcome.Invalid, null, $"idempotencyKey must be 1–{MaxKeyLength} characters.");
        }

        return await writer.SubmitAsync(request, cancellationToken);
    }
}
