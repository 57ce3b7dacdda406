namespace QuakeDetective.Learning.Simulation;

/// <summary>Classifiers trained on true and on consensus labels of a simulated campaign, and how each did on the same test set.</summary>
public sealed record CrowdNoiseResult(
    CrowdNoiseOptions Options,
    int TestSubjects,
    int TrainingSubjects,
    string Trainer,
    IReadOnlyList<string> Classes,
    IReadOnlyList<CrowdNoiseRow> Rows);
