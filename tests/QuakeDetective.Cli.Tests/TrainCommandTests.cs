using System.Text.Json;
using QuakeDetective.Cli;
using QuakeDetective.Learning.Prediction;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Cli.Tests;

/// <summary>Offline training and prediction on generated MiniSEED files (earthquakes and noise, 90 s at 40 Hz).</summary>
public sealed class TrainCommandTests : IClassFixture<TrainCommandTests.Files>
{
    private readonly Files _files;

    public TrainCommandTests(Files files) => _files = files;

    [Fact]
    public async Task TrainOffline_LabelsCsv_WritesModelAndPrintsMetricsTable()
    {
        var model = Path.Combine(_files.Folder, "table.zip");

        var (code, stdout, stderr) = await RunAsync("train", "--labels", _files.LabelsCsv, "--model", model, "--min-labels", "5");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("5-fold cross-validation", stdout);
        Assert.Contains("accuracy", stdout);
        Assert.Contains("confusion matrix", stdout);
        Assert.Contains("Earthquake", stdout);
        var loaded = TrainedClassifier.LoadFile(model);
        Assert.Equal(["Earthquake", "Noise"], loaded.Classes);
        Assert.True(File.Exists(Path.Combine(_files.Folder, "table.metrics.json")));
    }

    [Fact]
    public async Task TrainOffline_Json_ThenPredict_LabelsTheFiles()
    {
        var model = Path.Combine(_files.Folder, "json.zip");
        var predictions = Path.Combine(_files.Folder, "predictions.csv");

        var train = await RunAsync("train", "--labels", _files.LabelsCsv, "--model", model, "--min-labels", "5", "--window", "80", "--offset", "5", "--json");
        var predict = await RunAsync(["predict", "--model", model, .. _files.Held, "--out", predictions]);

        Assert.Equal(0, train.Code);
        using var json = JsonDocument.Parse(train.Stdout);
        var accuracy = json.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.8, $"cross-validated accuracy {accuracy}");
        Assert.Equal(2, json.RootElement.GetProperty("metrics").GetProperty("confusion").GetArrayLength());
        Assert.Equal(80, TrainedClassifier.LoadFile(model).Manifest.WindowSeconds);

        Assert.Equal(0, predict.Code);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("file,label,probability,entropy,p_Earthquake,p_Noise", lines[0]);
        Assert.Equal(_files.Held.Length, lines.Length - 1);
        var right = lines.Skip(1).Select(l => l.Split(',')).Count(f => f[1] == (Path.GetFileName(f[0]).StartsWith("quake-", StringComparison.Ordinal) ? "Earthquake" : "Noise"));
        Assert.True(right >= _files.Held.Length - 1, $"{right} of {_files.Held.Length} held-out files right");
    }

    [Fact]
    public async Task TrainOffline_OneClassTooFew_OneLineErrorNamingIt()
    {
        var csv = Path.Combine(_files.Folder, "short.csv");
        File.WriteAllLines(csv, File.ReadAllLines(_files.LabelsCsv).Where(l => !l.Contains(",Noise", StringComparison.Ordinal)).Append("noise-0.mseed,Noise"));

        var (code, stdout, stderr) = await RunAsync("train", "--labels", csv, "--model", Path.Combine(_files.Folder, "short.zip"));

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("'Noise' has 1", stderr);
    }

    [Fact]
    public async Task TrainOffline_BadFileInCsv_SkippedWithLineNumber()
    {
        var csv = Path.Combine(_files.Folder, "bad.csv");
        File.WriteAllLines(csv, File.ReadAllLines(_files.LabelsCsv).Append("missing.mseed,Noise"));

        var (code, _, stderr) = await RunAsync("train", "--labels", csv, "--model", Path.Combine(_files.Folder, "bad.zip"), "--min-labels", "5");

        Assert.Equal(0, code);
        Assert.Contains("bad.csv line 22: missing.mseed", stderr);
    }

    [Theory]
    [InlineData("--labels", "x.csv")]
    [InlineData("--window", "30")]
    public async Task Train_InconsistentOptions_OneLineError(string option, string value)
    {
        var (code, _, stderr) = await RunAsync("train", option, value, "--data-folder", _files.Folder);

        Assert.Equal(1, code);
        Assert.StartsWith("quake: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Train_UnknownTrainer_OneLineError()
    {
        var (code, _, stderr) = await RunAsync("train", "--labels", _files.LabelsCsv, "--model", "m.zip", "--trainer", "xgboost");

        Assert.Equal(1, code);
        Assert.Contains("unknown --trainer 'xgboost'", stderr);
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await QuakeCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>10 earthquake and 10 noise MiniSEED files listed in labels.csv, plus 4 held-out files.</summary>
    public sealed class Files : IDisposable
    {
        public Files()
        {
            Folder = Path.Combine(Path.GetTempPath(), "quake-train-cli-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            var generator = new SyntheticWaveformGenerator();
            var lines = new List<string> { "path,label" };
            var held = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                foreach (var (cls, name, label, snr) in new[] { (SyntheticClass.Earthquake, "quake", "Earthquake", 20.0), (SyntheticClass.Noise, "noise", "Noise", 1.0) })
                {
                    var file = $"{name}-{i}.mseed";
                    var window = generator.Generate(cls, 100 + i, new SyntheticOptions { DurationSeconds = 90, SampleRate = 40, SignalToNoise = snr });
                    using (var stream = File.Create(Path.Combine(Folder, file)))
                    {
                        MiniSeedWriter.Write(stream, window.Traces);
                    }

                    if (i < 10)
                    {
                        lines.Add($"{file},{label}");
                    }
                    else
                    {
                        held.Add(Path.Combine(Folder, file));
                    }
                }
            }

            LabelsCsv = Path.Combine(Folder, "labels.csv");
            File.WriteAllLines(LabelsCsv, lines);
            Held = [.. held];
        }

        public string Folder { get; }

        public string LabelsCsv { get; }

        public string[] Held { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
