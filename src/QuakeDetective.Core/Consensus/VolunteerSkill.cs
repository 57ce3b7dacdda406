namespace QuakeDetective.Core.Consensus;

/// <summary>
/// One volunteer's estimated skill: a confusion matrix (rows true class, columns answer) and, for the
/// reliability-weighted vote, the per-class weight given to the volunteer's answers.
/// </summary>
/// <param name="VolunteerId">The volunteer's id as given in the votes.</param>
/// <param name="Source">Gold counts or Dawid–Skene expected counts.</param>
/// <param name="Confusion">The matrix; per-class precision, recall and F1 come from it.</param>
/// <param name="ClassWeights">Weight of an answer of each class (aligned with <see cref="ConfusionMatrix.Classes"/>), or null.</param>
public sealed record VolunteerSkill(
    string VolunteerId,
    VolunteerSkillSource Source,
    ConfusionMatrix Confusion,
    IReadOnlyList<double>? ClassWeights = null)
{
    public IReadOnlyList<string> Classes => Confusion.Classes;

    /// <summary>Number of votes behind the matrix (fractional for Dawid–Skene only through rounding).</summary>
    public double VoteCount => Confusion.Total;

    public double? Accuracy => Confusion.Accuracy;

    public double? Precision(string label) => Confusion.Precision(label);

    public double? Recall(string label) => Confusion.Recall(label);

    public double? F1(string label) => Confusion.F1(label);
}
