using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Simulation;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Training;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Learning.Simulation;

/// <summary>
/// The cost of crowd noise for the classifier: on a simulated campaign, waveforms are generated for (some of) its
/// subjects, a stratified fifth is set aside with its true labels, and classifiers are trained on the rest labelled by
/// the truth and by each consensus method. Per-class accuracy on the set-aside subjects shows what training on the
/// crowd's labels instead of the truth costs.
/// </summary>
public static class CrowdNoiseCost
{
    public const string TrueLabels = "true labels";

    public static CrowdNoiseResult Run(CampaignSimulationResult simulation, CrowdNoiseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(options);
        var campaign = simulation.Campaign;
        var classes = campaign.Classes;
        var consensus = options.Methods.ToDictionary(m => m, simulation.ConsensusLabels, StringComparer.Ordinal);
        var chosen = campaign.Subjects.Where(s => consensus.Values.All(c => c.ContainsKey(s.Id))).Take(options.Subjects).ToList();

        var generator = new SyntheticWaveformGenerator();
        var extractor = new FeatureExtractor();
        var features = new float[chosen.Count][];
        var synthetic = new SyntheticOptions { DurationSeconds = options.WindowSeconds, SampleRate = options.SampleRate };
        Parallel.For(0, chosen.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var trueClass = ToClass(chosen[i].TrueLabel, classes);
            features[i] = extractor.Extract(generator.Generate(trueClass, unchecked(campaign.Options.Seed * 7919 + i), synthetic).Traces);
        });

        var truthSamples = chosen.Select((s, i) => new LabelledSample(s.Id, s.TrueLabel, features[i])).ToList();
        var folds = StratifiedFolds.Assign(truthSamples, 5, campaign.Options.Seed);
        var test = truthSamples.Where((_, i) => folds[i] == 0).ToList();
        var trainIndices = Enumerable.Range(0, chosen.Count).Where(i => folds[i] != 0).ToList();
        var training = new ClassifierTrainingOptions
        {
            Trainer = options.Trainer,
            Seed = campaign.Options.Seed,
            Threads = 1, // one thread: the same seed prints the same numbers
            MinLabelsPerClass = 3,
            CrossValidationBelow = 0,
            TestFraction = 0.05,
        };

        var rows = new List<CrowdNoiseRow>();
        foreach (var (name, labelOf) in new[] { (TrueLabels, (Func<int, string>)(i => chosen[i].TrueLabel)) }
                     .Concat(options.Methods.Select(m => (m, (Func<int, string>)(i => consensus[m][chosen[i].Id])))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var samples = trainIndices.Select(i => new LabelledSample(chosen[i].Id, labelOf(i), features[i])).ToList();
            var agreement = trainIndices.Count(i => labelOf(i) == chosen[i].TrueLabel) / (double)Math.Max(1, trainIndices.Count);
            try
            {
                // Held-out share tiny: the model is judged on the separate true-labelled test set below.
                var model = new ClassifierTrainer().Train(samples, classes, training, cancellationToken: cancellationToken).Classifier;
                var predictions = model.PredictMany(test.Select(s => s.Features).ToList());
                var metrics = ClassifierMetrics.Compute(classes, test.Select(s => s.Label).ToList(), predictions.Select(p => p.Label).ToList(),
                    test.Select((s, i) => predictions[i].ProbabilityOf(s.Label)).ToList(), "true-labelled test set");
                rows.Add(new CrowdNoiseRow(name, agreement, metrics, null));
            }
            catch (TooFewLabelsException ex)
            {
                rows.Add(new CrowdNoiseRow(name, agreement, null, ex.Message));
            }
        }

        return new CrowdNoiseResult(options with { Subjects = chosen.Count }, test.Count, trainIndices.Count, TrainerNames.Normalize(options.Trainer) ?? TrainerAvailability.DefaultTrainer, classes, rows);
    }

    public static string FormatTable(CrowdNoiseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Classifier ({result.Trainer}) on {o.Subjects} generated windows of {o.WindowSeconds:0} s at {o.SampleRate:0} Hz: trained on {result.TrainingSubjects}, tested on {result.TestSubjects} with their true labels"));
        var headers = new List<string> { "trained on", "labels right", "accuracy", "macro-F1" };
        headers.AddRange(result.Classes);
        var rows = result.Rows.Select(r =>
        {
            var row = new List<string> { r.Labels, Invariant($"{r.LabelAgreement:0.000}") };
            if (r.Metrics is { } m)
            {
                row.Add(Invariant($"{m.Accuracy:0.000}"));
                row.Add(Invariant($"{m.MacroF1:0.000}"));
                row.AddRange(result.Classes.Select(c => Invariant($"{m.Of(c)!.Recall:0.000}")));
            }
            else
            {
                row.AddRange(Enumerable.Repeat("-", 2 + result.Classes.Count));
            }

            return row;
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine(string.Join("  ", headers.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd());
        }

        foreach (var r in result.Rows.Where(r => r.Problem is not null))
        {
            text.AppendLine($"{r.Labels}: {r.Problem}");
        }

        text.AppendLine("(labels right: share of training labels equal to the truth; per class: share of that class's test subjects classified rightly; the gap to 'true labels' is the cost of crowd noise)");
        return text.ToString();
    }

    public static JsonObject ToJson(CrowdNoiseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var models = new JsonArray();
        foreach (var r in result.Rows)
        {
            var perClass = new JsonObject();
            if (r.Metrics is { } m)
            {
                foreach (var c in result.Classes)
                {
                    perClass[c] = m.Of(c)!.Recall;
                }
            }

            models.Add(new JsonObject
            {
                ["labels"] = r.Labels,
                ["labelAgreement"] = r.LabelAgreement,
                ["accuracy"] = r.Metrics?.Accuracy,
                ["macroF1"] = r.Metrics?.MacroF1,
                ["perClass"] = perClass,
                ["problem"] = r.Problem,
            });
        }

        return new JsonObject
        {
            ["trainer"] = result.Trainer,
            ["subjects"] = result.Options.Subjects,
            ["windowSeconds"] = result.Options.WindowSeconds,
            ["sampleRate"] = result.Options.SampleRate,
            ["trainingSubjects"] = result.TrainingSubjects,
            ["testSubjects"] = result.TestSubjects,
            ["models"] = models,
        };
    }

    private static SyntheticClass ToClass(string label, IReadOnlyList<string> classes)
    {
        // The simulator's classes follow the default answers; other class lists map by position.
        var index = classes.ToList().IndexOf(label);
        return index switch
        {
            0 => SyntheticClass.Earthquake,
            1 => SyntheticClass.Tremor,
            2 => SyntheticClass.Noise,
            _ => SyntheticClass.NoneOfTheAbove,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
