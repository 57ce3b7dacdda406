using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Training;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Learning.Tests;

/// <summary>Small seeded sets of generated windows and their features, shared by the tests (kept short so the tests stay fast).</summary>
internal static class SyntheticSamples
{
    public static readonly string[] Classes = ["Earthquake", "Tremor", "Noise", "None of the above"];

    private static readonly FeatureExtractor Extractor = new();
    private static readonly Lazy<IReadOnlyList<LabelledSample>> Default = new(() => Build(25, 120, 40, seed: 7));

    /// <summary>25 windows per class, 120 s at 40 Hz (cached for the test run).</summary>
    public static IReadOnlyList<LabelledSample> Small => Default.Value;

    public static SyntheticClass ToClass(string label) => label switch
    {
        "Earthquake" => SyntheticClass.Earthquake,
        "Tremor" => SyntheticClass.Tremor,
        "Noise" => SyntheticClass.Noise,
        _ => SyntheticClass.NoneOfTheAbove,
    };

    public static IReadOnlyList<Trace> Window(SyntheticClass trueClass, int seed, double seconds, double sampleRate, double? snr = null) =>
        new SyntheticWaveformGenerator().Generate(trueClass, seed, new SyntheticOptions { DurationSeconds = seconds, SampleRate = sampleRate, SignalToNoise = snr }).Traces;

    public static IReadOnlyList<LabelledSample> Build(int perClass, double seconds, double sampleRate, int seed, string[]? classes = null)
    {
        classes ??= Classes;
        var items = new List<(string Label, int Seed)>();
        foreach (var label in classes)
        {
            for (var i = 0; i < perClass; i++)
            {
                items.Add((label, seed * 1000 + items.Count));
            }
        }

        var samples = new LabelledSample[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            var (label, s) = items[i];
            samples[i] = new LabelledSample($"s{i}", label, Extractor.Extract(Window(ToClass(label), s, seconds, sampleRate)));
        });
        return samples;
    }
}
