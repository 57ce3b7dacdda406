namespace QuakeDetective.Learning.Training;

/// <summary>How a classifier is trained and evaluated. Stored with every model version.</summary>
public sealed record ClassifierTrainingOptions
{
    /// <summary>One of <see cref="TrainerNames"/>; null = <see cref="TrainerAvailability.DefaultTrainer"/>.</summary>
    public string? Trainer { get; init; }

    /// <summary>Seeds the MLContext, the split and the trainers: the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Share of each class held out for testing when there are enough labels.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>A class with fewer labelled examples stops training with a message naming it.</summary>
    public int MinLabelsPerClass { get; init; } = 10;

    /// <summary>Below this many examples the metrics come from k-fold cross-validation instead of one held-out split.</summary>
    public int CrossValidationBelow { get; init; } = 600;

    public int Folds { get; init; } = 5;

    /// <summary>Weight examples by inverse class frequency so that rare classes (tremor) count.</summary>
    public bool ClassWeights { get; init; } = true;

    /// <summary>Cap on a class weight relative to the most common class's.</summary>
    public double MaxClassWeight { get; init; } = 10.0;

    /// <summary>Boosting rounds (tree trainers) or iterations.</summary>
    public int Iterations { get; init; } = 150;

    public int Leaves { get; init; } = 24;

    public double LearningRate { get; init; } = 0.1;

    /// <summary>Threads for the trainers; null = all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (Trainer is not null && TrainerNames.Normalize(Trainer) is null)
        {
            throw new ArgumentException($"Unknown trainer '{Trainer}'; choose one of: {string.Join(", ", TrainerNames.All)}.");
        }

        if (!(TestFraction > 0 && TestFraction < 0.9))
        {
            throw new ArgumentException($"The test fraction must be between 0 and 0.9 (got {TestFraction}).");
        }

        if (MinLabelsPerClass < 2)
        {
            throw new ArgumentException($"The minimum of labels per class must be at least 2 (got {MinLabelsPerClass}).");
        }

        if (Folds < 2)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 folds (got {Folds}).");
        }

        if (Iterations < 1 || Leaves < 2 || !(LearningRate > 0))
        {
            throw new ArgumentException("Iterations must be ≥ 1, leaves ≥ 2 and the learning rate > 0.");
        }
    }
}
