namespace QuakeDetective.Learning.Training;

/// <summary>Precision, recall and F1 of one class; <see cref="Support"/> = its true examples in the evaluation set.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
