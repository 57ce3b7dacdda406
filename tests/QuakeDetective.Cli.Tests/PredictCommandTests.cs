namespace QuakeDetective.Cli.Tests;

public sealed class PredictCommandTests : IClassFixture<TrainCommandTests.Files>
{
    private readonly TrainCommandTests.Files _files;

    public PredictCommandTests(TrainCommandTests.Files files) => _files = files;

    [Fact]
    public async Task Predict_ToStdout_OneRowPerFile_BadFileReportedAndExitCode1()
    {
        var model = Path.Combine(_files.Folder, "predict.zip");
        var trained = await TrainCommandTests.RunAsync("train", "--labels", _files.LabelsCsv, "--model", model, "--min-labels", "5");
        Assert.Equal(0, trained.Code);
        var junk = Path.Combine(_files.Folder, "junk.mseed");
        File.WriteAllText(junk, "not seismic data at all");

        var (code, stdout, stderr) = await TrainCommandTests.RunAsync(["predict", "--model", model, _files.Held[0], junk, _files.Held[1]]);

        Assert.Equal(1, code);
        var rows = stdout.Trim().Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.StartsWith(_files.Held[0] + ",", rows[1]);
        Assert.StartsWith(_files.Held[1] + ",", rows[2]);
        var probabilities = rows[1].Split(',')[4..].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 3);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("junk.mseed", stderr);
    }

    [Fact]
    public async Task Predict_NotAModel_OneLineError()
    {
        var (code, stdout, stderr) = await TrainCommandTests.RunAsync("predict", "--model", _files.LabelsCsv, _files.Held[0]);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("quake: cannot load the model", stderr);
    }
}
