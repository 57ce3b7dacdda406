using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>
/// Real MiniSEED files for import tests: one 3-component file per station, made with the synthetic generator (one
/// generated window per class, reused across stations with the station code changed, so that making many files is
/// cheap while each file's content and hash stay distinct).
/// </summary>
public static class SyntheticImportFolder
{
    /// <summary>Writes <paramref name="stations"/> files named S000.mseed… into <paramref name="folder"/>; returns the file names and each one's class.</summary>
    public static IReadOnlyList<(string FileName, SyntheticClass Class)> Write(string folder, int stations, double seconds, double sampleRate = 40, int seed = 7)
    {
        Directory.CreateDirectory(folder);
        var generator = new SyntheticWaveformGenerator();
        var classes = Enum.GetValues<SyntheticClass>();
        var windows = classes.Select(c => generator.Generate(c, seed, new SyntheticOptions { SampleRate = sampleRate, DurationSeconds = seconds })).ToList();
        var files = new List<(string, SyntheticClass)>();
        for (var i = 0; i < stations; i++)
        {
            var window = windows[i % windows.Count];
            var station = $"S{i:000}";
            var traces = window.Traces.Select(t => new Trace(new SeedId("XX", station, "00", t.Id.Channel), t.StartTimeNs, t.SampleRate, t.Samples)).ToList();
            var name = station + ".mseed";
            using (var stream = File.Create(Path.Combine(folder, name)))
            {
                MiniSeedWriter.Write(stream, traces);
            }

            files.Add((name, window.TrueClass));
        }

        return files;
    }
}
