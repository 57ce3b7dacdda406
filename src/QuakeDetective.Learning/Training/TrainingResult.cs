using QuakeDetective.Learning.Prediction;

namespace QuakeDetective.Learning.Training;

/// <summary>A trained classifier with its metrics and the examples they were measured on (to score other models on the same set).</summary>
public sealed record TrainingResult(
    TrainedClassifier Classifier,
    ClassifierMetrics Metrics,
    IReadOnlyList<LabelledSample> EvaluationSet,
    IReadOnlyList<ClassPrediction> EvaluationPredictions,
    IReadOnlyDictionary<string, int> LabelsPerClass,
    IReadOnlyDictionary<string, double> ClassWeights,
    int TrainingExamples,
    string Trainer,
    TimeSpan Elapsed);
