using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Processing;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Benchmarks.Processing;

/// <summary>
/// Signal processing and synthetic data: zero-phase band-pass of a day at 100 Hz (the import path), the full
/// preprocessing chain with resampling to 40 Hz, and the generator's time per 2000 s 3-component window (demo seeding
/// and the simulate verb make thousands of them).
/// </summary>
public sealed class ProcessingBenchmark : IBenchmark
{
    public string Name => "processing";

    public Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var generator = new SyntheticWaveformGenerator();
        var options = new SyntheticOptions { SampleRate = 40, DurationSeconds = 2000 };
        foreach (var warm in Enum.GetValues<SyntheticClass>())
        {
            generator.Generate(warm, 0, options);
        }

        var windows = context.Quick ? 4 : 25;
        var all = new List<double>();
        foreach (var trueClass in Enum.GetValues<SyntheticClass>())
        {
            var times = new List<double>();
            for (var seed = 1; seed <= windows; seed++)
            {
                times.Add(BenchmarkContext.BestSeconds(1, () => generator.Generate(trueClass, seed, options)) * 1000.0);
            }

            all.AddRange(times);
            context.Record($"processing.generator.{trueClass.ToString().ToLowerInvariant()}.ms_per_window", Median(times), "ms", target: 50, higherIsBetter: false,
                note: $"median of {windows} windows, 2000 s x 3 components at 40 Hz");
            cancellationToken.ThrowIfCancellationRequested();
        }

        context.Record("processing.generator.ms_per_window", Median(all), "ms", target: 50, higherIsBetter: false,
            note: "median over all classes, 2000 s x 3 components at 40 Hz");
        context.Record("processing.generator.ms_per_window_p90", all.Order().ElementAt((int)(0.9 * (all.Count - 1))), "ms", target: 50, higherIsBetter: false);

        // A day at 100 Hz: one generated hour tiled 24 times (generating the day itself would take a gigabyte-sized
        // heap and disturb the figures that follow).
        var repetitions = context.Quick ? 1 : 3;
        var hours = context.Quick ? 1 : 24;
        var label = context.Quick ? "hour" : "day";
        var hour = new SyntheticWaveformGenerator()
            .Generate(SyntheticClass.Earthquake, 1, new SyntheticOptions { SampleRate = 100, DurationSeconds = 3600, ChannelPrefix = "HH" })
            .Traces[0];
        var samples = new double[hour.Count * hours];
        for (var h = 0; h < hours; h++)
        {
            hour.Samples.CopyTo(samples, h * hour.Count);
        }

        var day = hour.WithSamples(samples);
        var seconds = hours * 3600.0;
        cancellationToken.ThrowIfCancellationRequested();

        var filter = Butterworth.BandPass(4, 2.0, 8.0, 100.0);
        var bandPass = BenchmarkContext.BestSeconds(repetitions, () => filter.FilterZeroPhase(day.Samples));
        context.Record($"processing.bandpass_zerophase.{label}_100hz.seconds", bandPass, "s", target: seconds / 86_400.0 * 1.0, higherIsBetter: false,
            note: "Butterworth order 4 (4 sections), sosfiltfilt with odd padding");
        context.Record("processing.bandpass_zerophase.samples_per_s", day.Count / bandPass, "samples/s");

        var chain = new WaveformPreprocessor(new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, TargetSampleRate = 40 });
        var preprocess = BenchmarkContext.BestSeconds(repetitions, () => chain.Process(day));
        context.Record($"processing.preprocess_to_40hz.{label}_100hz.seconds", preprocess, "s", target: seconds / 86_400.0 * 2.0, higherIsBetter: false,
            note: "demean, detrend, 5 % taper, 2-8 Hz zero-phase band-pass, resample_poly 2/5");
        cancellationToken.ThrowIfCancellationRequested();

        return Task.CompletedTask;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
