namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// The reserved pseudo-volunteer whose "vote" is the current model's predicted label when a campaign turns
/// <see cref="Domain.Campaign.ModelVoteEnabled"/> on. It takes part in the weighted vote and Dawid–Skene (with
/// its own gold history and confusion matrix), never in the majority vote, never in retirement counts.
/// </summary>
public static class ModelVoter
{
    /// <summary>Volunteer id of the model in vote sets; database volunteer ids are numbers, so it cannot clash.</summary>
    public const string VolunteerId = "model";
}
