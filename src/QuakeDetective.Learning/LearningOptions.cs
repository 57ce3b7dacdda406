using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Learning;

/// <summary>Configuration section "Learning": defaults for retraining and the model in the loop.</summary>
public sealed class LearningOptions
{
    public const string SectionName = "Learning";

    /// <summary>Trainer used when a run names none (lightgbm, fasttree, lbfgs, sdca); empty = LightGBM where it loads, else FastTree.</summary>
    public string? DefaultTrainer { get; set; }

    /// <summary>Consensus labels below this confidence are not used for training (gold labels always are).</summary>
    [Range(0.0, 1.0)]
    public double ConfidenceThreshold { get; set; } = 0.7;

    [Range(2, 100_000)]
    public int MinLabelsPerClass { get; set; } = 10;

    public int Seed { get; set; } = 1;

    /// <summary>Threads computing features; 0 = all cores.</summary>
    [Range(0, 256)]
    public int FeatureParallelism { get; set; }

    /// <summary>Subjects per batch when predictions are stored after a promotion.</summary>
    [Range(10, 100_000)]
    public int PredictionBatchSize { get; set; } = 500;

    /// <summary>Run the background worker (training runs and prediction refreshes) in this process.</summary>
    public bool WorkerEnabled { get; set; } = true;
}
