using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Prediction;

namespace QuakeDetective.Learning.Training;

/// <summary>
/// Trains a multiclass classifier on labelled feature vectors with ML.NET: class weights for rare classes, a seeded
/// stratified held-out split (or k-fold cross-validation when labels are few) and the metrics of
/// <see cref="ClassifierMetrics"/>. Pure: no database, no files.
/// </summary>
public sealed class ClassifierTrainer
{
    /// <param name="progress">Called with a stage name and the share done (0..1).</param>
    /// <exception cref="TooFewLabelsException">A class has fewer examples than the minimum.</exception>
    /// <exception cref="ArgumentException">Bad options, or vectors of the wrong length.</exception>
    public TrainingResult Train(
        IReadOnlyList<LabelledSample> samples,
        IReadOnlyList<string> classes,
        ClassifierTrainingOptions options,
        Action<string, double>? progress = null,
        CancellationToken cancellationToken = default,
        ModelManifest? manifestTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        var trainer = TrainerNames.Normalize(options.Trainer) ?? TrainerAvailability.DefaultTrainer;
        if (trainer == TrainerNames.LightGbm && TrainerAvailability.LightGbmUnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"LightGBM cannot be used on this machine ({reason}); choose '{TrainerNames.FastTree}'.");
        }

        var classList = classes.Distinct(StringComparer.Ordinal).ToList();
        if (classList.Count < 2)
        {
            throw new ArgumentException("At least two classes are needed to train a classifier.", nameof(classes));
        }

        var known = new HashSet<string>(classList, StringComparer.Ordinal);
        var usable = samples.Where(s => known.Contains(s.Label)).ToList();
        var featureCount = usable.Count > 0 ? usable[0].Features.Length : FeatureSchema.Count;
        if (usable.Any(s => s.Features.Length != featureCount))
        {
            throw new ArgumentException("Every example must have the same number of features.", nameof(samples));
        }

        var counts = classList.ToDictionary(c => c, c => 0, StringComparer.Ordinal);
        foreach (var s in usable)
        {
            counts[s.Label]++;
        }

        var tooFew = counts.Where(c => c.Value < options.MinLabelsPerClass).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        if (tooFew.Count > 0)
        {
            throw new TooFewLabelsException(tooFew, options.MinLabelsPerClass);
        }

        var weights = ClassWeightsFor(counts, options);
        var crossValidate = usable.Count < options.CrossValidationBelow;
        var folds = crossValidate ? Math.Min(options.Folds, counts.Values.Min()) : Math.Max(2, (int)Math.Round(1.0 / options.TestFraction));
        var assignment = StratifiedFolds.Assign(usable, folds, options.Seed);
        var ml = new MLContext(options.Seed);
        var manifest = (manifestTemplate ?? new ModelManifest
        {
            Classes = classList,
            FeatureVersion = FeatureSchema.Version,
            FeatureNames = FeatureSchema.Count == featureCount ? FeatureSchema.Names : [.. Enumerable.Range(0, featureCount).Select(i => $"f{i}")],
            Trainer = trainer,
        }) with { Classes = classList, Trainer = trainer, Seed = options.Seed };

        var truth = new List<string>();
        var predicted = new List<string>();
        var pTruth = new List<double>();
        var evaluationSet = new List<LabelledSample>();
        var evaluationPredictions = new List<ClassPrediction>();
        TrainedClassifier final;
        string evaluation;
        int trainingExamples;
        if (crossValidate)
        {
            evaluation = $"{folds}-fold cross-validation";
            var outOfFold = new ClassPrediction[usable.Count];
            for (var fold = 0; fold < folds; fold++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke($"cross-validation fold {fold + 1} of {folds}", fold / (double)(folds + 1));
                var train = usable.Where((_, i) => assignment[i] != fold).ToList();
                var test = Enumerable.Range(0, usable.Count).Where(i => assignment[i] == fold).ToList();
                var model = Fit(ml, train, classList, weights, trainer, options, manifest);
                var predictions = model.PredictMany(test.Select(i => usable[i].Features).ToList());
                for (var j = 0; j < test.Count; j++)
                {
                    outOfFold[test[j]] = predictions[j];
                }
            }

            for (var i = 0; i < usable.Count; i++)
            {
                truth.Add(usable[i].Label);
                predicted.Add(outOfFold[i].Label);
                pTruth.Add(outOfFold[i].ProbabilityOf(usable[i].Label));
            }

            evaluationSet.AddRange(usable);
            evaluationPredictions.AddRange(outOfFold);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke("training the final model on all labels", folds / (double)(folds + 1));
            final = Fit(ml, usable, classList, weights, trainer, options, manifest with { TrainingIds = [.. usable.Select(s => s.Id)] });
            trainingExamples = usable.Count;
        }
        else
        {
            evaluation = FormattableString.Invariant($"held-out {100.0 / folds:0} % (stratified)");
            var train = usable.Where((_, i) => assignment[i] != 0).ToList();
            evaluationSet.AddRange(usable.Where((_, i) => assignment[i] == 0));
            progress?.Invoke("training", 0.1);
            final = Fit(ml, train, classList, weights, trainer, options, manifest with { TrainingIds = [.. train.Select(s => s.Id)] });
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke("evaluating on the held-out set", 0.9);
            var predictions = final.PredictMany(evaluationSet.Select(s => s.Features).ToList());
            evaluationPredictions.AddRange(predictions);
            for (var i = 0; i < evaluationSet.Count; i++)
            {
                truth.Add(evaluationSet[i].Label);
                predicted.Add(predictions[i].Label);
                pTruth.Add(predictions[i].ProbabilityOf(evaluationSet[i].Label));
            }

            trainingExamples = train.Count;
        }

        var metrics = ClassifierMetrics.Compute(classList, truth, predicted, pTruth, evaluation);
        progress?.Invoke("trained", 1.0);
        return new TrainingResult(final, metrics, evaluationSet, evaluationPredictions, counts, weights, trainingExamples, trainer, stopwatch.Elapsed);
    }

    /// <summary>Inverse class frequency, relative to the most common class, capped; all 1 when weighting is off.</summary>
    public static IReadOnlyDictionary<string, double> ClassWeightsFor(IReadOnlyDictionary<string, int> counts, ClassifierTrainingOptions options)
    {
        var largest = counts.Values.DefaultIfEmpty(1).Max();
        return counts.ToDictionary(
            c => c.Key,
            c => options.ClassWeights && c.Value > 0 ? Math.Min(options.MaxClassWeight, largest / (double)c.Value) : 1.0,
            StringComparer.Ordinal);
    }

    private static TrainedClassifier Fit(
        MLContext ml,
        IReadOnlyList<LabelledSample> train,
        IReadOnlyList<string> classes,
        IReadOnlyDictionary<string, double> weights,
        string trainer,
        ClassifierTrainingOptions options,
        ModelManifest manifest)
    {
        var schema = TrainedClassifier.InputSchema(manifest.FeatureNames.Count);
        var rows = train.Select(s => new FeatureRow { Features = s.Features, Label = s.Label, Weight = (float)weights[s.Label] }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, schema);

        // Keys follow the class list, so score i is the probability of classes[i] in every fold and model.
        var keys = ml.Data.LoadFromEnumerable(classes.Select(c => new KeyRow { Label = c }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keys).Fit(data).Transform(data);

        var perLeaf = Math.Clamp(train.Count / (4 * classes.Count), 2, 20);
        IEstimator<ITransformer> estimator = trainer switch
        {
            TrainerNames.LightGbm => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = "Weight",
                NumberOfIterations = options.Iterations,
                NumberOfLeaves = options.Leaves,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = perLeaf,
                Seed = options.Seed,
                NumberOfThreads = options.Threads,
                Silent = true,
                UseSoftmax = true,
            }),
            TrainerNames.FastTree => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = "Weight",
                    NumberOfTrees = options.Iterations,
                    NumberOfLeaves = options.Leaves,
                    LearningRate = options.LearningRate,
                    MinimumExampleCountPerLeaf = perLeaf,
                    Seed = options.Seed,
                    NumberOfThreads = options.Threads,
                }),
                labelColumnName: "Label"),
            TrainerNames.Lbfgs => ml.Transforms.NormalizeMeanVariance("Features").Append(
                ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = "Weight",
                    NumberOfThreads = options.Threads,
                })),
            TrainerNames.Sdca => ml.Transforms.NormalizeMeanVariance("Features").Append(
                ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = "Weight",
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = options.Iterations,
                })),
            _ => throw new ArgumentException($"Unknown trainer '{trainer}'."),
        };

        var model = NativeTrainerGate.Run(trainer, () => estimator.Fit(keyed));
        return new TrainedClassifier(ml, model, manifest);
    }

    private sealed class KeyRow
    {
        public string Label { get; set; } = "";
    }
}
