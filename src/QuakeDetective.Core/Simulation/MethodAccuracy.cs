namespace QuakeDetective.Core.Simulation;

/// <summary>How well one aggregation method recovered the true classes of the non-gold subjects.</summary>
/// <param name="Method">Aggregation method name.</param>
/// <param name="Accuracy">Share of evaluated subjects whose consensus label is their true class.</param>
/// <param name="PerClass">Per true class: share of its subjects labelled rightly (recall); null when the class has no evaluated subject.</param>
/// <param name="EvaluatedSubjects">Non-gold subjects with at least one vote.</param>
/// <param name="Iterations">EM iterations (0 for vote methods).</param>
/// <param name="Converged">False when EM hit its iteration cap.</param>
public sealed record MethodAccuracy(
    string Method,
    double Accuracy,
    IReadOnlyDictionary<string, double?> PerClass,
    int EvaluatedSubjects,
    int Iterations,
    bool Converged);
