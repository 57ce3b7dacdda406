using System.Globalization;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Training;
using QuakeDetective.Seismic;

namespace QuakeDetective.Learning.Tests.RealData;

/// <summary>
/// Earthquake and pre-event noise windows from the labelled PhaseNet recordings (shared data, SOURCES.md): 90 s at
/// 100 Hz, E/N/Z, P arrival at sample itp. Noise = [0, itp−100); earthquake = [itp−500, itp+2400), the same length.
/// Both windows of a file share a group so that no split puts one in training and the other in testing.
/// </summary>
internal static class PhaseNetWindows
{
    public const double SampleRate = 100.0;

    /// <summary>RMS(P..S+5 s)/RMS(pre-P) below 2 (SOURCES.md): left out of strict assertions.</summary>
    public static readonly HashSet<string> LowSnr =
    [
        "BK_BRIB_2008092115164635", "BK_PKD_2014061613251098", "BK_SCZ_2014011401023067", "NC_MDPB_2010020301543668", "PG_PB_2006031611182298",
    ];

    public static IReadOnlyList<LabelledSample> Load(string folder, FeatureExtractor extractor)
    {
        var files = Directory.GetFiles(folder, "*.npz").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var samples = new LabelledSample[files.Length * 2];
        Parallel.For(0, files.Length, i =>
        {
            var name = Path.GetFileNameWithoutExtension(files[i]);
            var arrays = NpyArray.ReadNpz(files[i]);
            var data = arrays["data"];
            var itp = (int)arrays["itp"].Values[0];
            var length = itp - 100;
            samples[2 * i] = new LabelledSample(name + ":earthquake", "Earthquake", extractor.Extract(Cut(data, itp - 500, length)), name);
            samples[2 * i + 1] = new LabelledSample(name + ":noise", "Noise", extractor.Extract(Cut(data, 0, length)), name);
        });
        return samples;
    }

    /// <summary>Z, N, E traces of rows [start, start+length).</summary>
    public static IReadOnlyList<Trace> Cut(NpyArray data, int start, int length)
    {
        var traces = new List<Trace>(3);
        foreach (var (column, channel) in new[] { (2, "HHZ"), (1, "HHN"), (0, "HHE") })
        {
            var samples = new double[length];
            for (var i = 0; i < length; i++)
            {
                samples[i] = data[start + i, column];
            }

            traces.Add(new Trace(new SeedId("PN", "STA", "", channel), 0, SampleRate, samples));
        }

        return traces;
    }

    public static string FormatConfusion(ClassifierMetrics metrics)
    {
        var lines = new List<string> { "true \\ predicted: " + string.Join("  ", metrics.Classes) };
        for (var r = 0; r < metrics.Classes.Count; r++)
        {
            lines.Add($"{metrics.Classes[r],-12} " + string.Join("  ", metrics.Confusion[r].Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(5))));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
