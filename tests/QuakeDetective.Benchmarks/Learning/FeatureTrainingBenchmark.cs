using System.Diagnostics;
using System.Globalization;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Training;
using QuakeDetective.Seismic.Synthetic;
using Trace = QuakeDetective.Seismic.Trace;

namespace QuakeDetective.Benchmarks.Learning;

/// <summary>
/// Features plus training for 10,000 subjects of 3 × 120 s at 100 Hz (target under 60 s on 2 cores), then prediction
/// from cached feature vectors (target at least 2,000 subjects/s). 1,000 distinct windows are generated first (not
/// timed) and each subject is one of them circularly shifted and rescaled, so every subject's samples differ; the
/// shift and scale are inside the timed part. Quick mode: 1,000 subjects from 200 windows.
/// </summary>
public sealed class FeatureTrainingBenchmark : IBenchmark
{
    private const double Seconds = 120;
    private const double SampleRate = 100;

    public string Name => "learning.features_training";

    public Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var subjects = context.Quick ? 1_000 : 10_000;
        var distinct = context.Quick ? 200 : 1_000;
        var full = !context.Quick;
        string[] classes = ["Earthquake", "Tremor", "Noise", "None of the above"];
        SyntheticClass[] kinds = [SyntheticClass.Earthquake, SyntheticClass.Tremor, SyntheticClass.Noise, SyntheticClass.NoneOfTheAbove];

        var generate = Stopwatch.StartNew();
        var pool = new IReadOnlyList<Trace>[distinct];
        var generator = new SyntheticWaveformGenerator();
        Parallel.For(0, distinct, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            pool[i] = generator.Generate(kinds[i % 4], 1000 + i, new SyntheticOptions { DurationSeconds = Seconds, SampleRate = SampleRate }).Traces);
        context.Record("learning.generate_distinct_windows_s", generate.Elapsed.TotalSeconds, "s", higherIsBetter: false, note: $"{distinct} windows, not part of the target");

        var extractor = new FeatureExtractor();
        var clock = Stopwatch.StartNew();
        var samples = new LabelledSample[subjects];
        Parallel.For(0, subjects, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var source = pool[i % distinct];
            var random = new Random(i);
            var shift = random.Next(source[0].Count);
            var gain = 0.1 + random.NextDouble() * 10;
            var traces = source.Select(t => t.WithSamples(Rotate(t.Samples, shift, gain))).ToList();
            samples[i] = new LabelledSample(i.ToString(CultureInfo.InvariantCulture), classes[i % distinct % 4], extractor.Extract(traces));
        });
        var featureSeconds = clock.Elapsed.TotalSeconds;
        context.Record($"learning.features_{subjects}_subjects_s", featureSeconds, "s", higherIsBetter: false);
        context.Record("learning.features_subjects_per_s", subjects / featureSeconds, "subjects/s");

        var train = Stopwatch.StartNew();
        var result = new ClassifierTrainer().Train(samples, classes, new ClassifierTrainingOptions { Seed = 1 }, cancellationToken: cancellationToken);
        var trainSeconds = train.Elapsed.TotalSeconds;
        context.Record($"learning.train_{subjects}_subjects_s", trainSeconds, "s", higherIsBetter: false, note: $"{result.Trainer}, {result.Metrics.Evaluation}, accuracy {result.Metrics.Accuracy:0.000}");
        context.Record($"learning.features_plus_training_{subjects}_subjects_s", featureSeconds + trainSeconds, "s", target: full ? 60 : null, higherIsBetter: false);

        // Prediction from cached features: decode the stored bytes, then score in batches of 500 (as after a promotion).
        var stored = samples.Select(s => FeatureCodec.Encode(s.Features)).ToArray();
        var model = result.Classifier;
        var predict = Stopwatch.StartNew();
        var predicted = 0;
        foreach (var batch in stored.Chunk(500))
        {
            predicted += model.PredictMany(batch.Select(b => FeatureCodec.Decode(b, FeatureSchema.Count)!).ToList()).Count;
        }

        context.Record("learning.predict_batched_subjects_per_s", predicted / predict.Elapsed.TotalSeconds, "subjects/s", target: full ? 2_000 : null);

        var pooled = Stopwatch.StartNew();
        Parallel.For(0, stored.Length, i => model.Predict(FeatureCodec.Decode(stored[i], FeatureSchema.Count)!));
        context.Record("learning.predict_pooled_engines_subjects_per_s", stored.Length / pooled.Elapsed.TotalSeconds, "subjects/s", note: "one call per subject, engines from the pool, all cores");
        return Task.CompletedTask;
    }

    private static double[] Rotate(double[] samples, int shift, double gain)
    {
        var rotated = new double[samples.Length];
        var tail = samples.Length - shift;
        for (var i = 0; i < tail; i++)
        {
            rotated[i] = samples[shift + i] * gain;
        }

        for (var i = 0; i < shift; i++)
        {
            rotated[tail + i] = samples[i] * gain;
        }

        return rotated;
    }
}
