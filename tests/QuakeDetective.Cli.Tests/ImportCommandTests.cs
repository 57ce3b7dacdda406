using Microsoft.Data.Sqlite;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private static readonly long Start = SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 6, 30, 0, DateTimeKind.Utc));

    private readonly string _folder = Directory.CreateTempSubdirectory("quake-import-cli-").FullName;

    private string Data => Path.Combine(_folder, "data");

    private string DataFolder => Path.Combine(_folder, "store");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_FolderIntoNewCampaign_SaysItCreatedTheCampaignAndSummarises()
    {
        WriteStation("sub/anmo.mseed", "IU.ANMO.00");

        var (code, stdout, stderr) = await RunAsync("import", Data, "--campaign", "Chile 2010", "--window", "120", "--data-folder", DataFolder);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Campaign 'Chile 2010' did not exist: created it", stdout, StringComparison.Ordinal);
        Assert.Contains("Windows: fixed 120 s windows every 120 s; preprocessing pre1;demean;detrend;taper=0.05", stdout, StringComparison.Ordinal);
        Assert.Matches(@"imported\s+sub/anmo\.mseed\s+5 subjects", stdout);
        Assert.Contains("1 file: 1 imported; 5 subjects created in campaign 'Chile 2010'", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal); // no progress bar when redirected
    }

    [Fact]
    public async Task Import_SameFolderTwice_SecondAddsNothing()
    {
        WriteStation("anmo.mseed", "IU.ANMO.00");
        string[] args = ["import", Data, "--campaign", "c", "--window", "120", "--step", "60", "--data-folder", DataFolder];
        var first = await RunAsync(args);

        var second = await RunAsync(args);

        Assert.Contains("9 subjects created", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.Code);
        Assert.DoesNotContain("did not exist", second.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"already imported\s+anmo\.mseed\s+imported into this campaign before", second.Stdout);
        Assert.Contains("1 file: 1 already imported; 0 subjects created", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CorruptFileAmongGoodOnes_IsListedOnStderrWithItsByteAndTheRestImports()
    {
        WriteStation("good.mseed", "IU.ANMO.00");
        var broken = WriteStation("broken.mseed", "IU.TUC.00");
        var length = new FileInfo(broken).Length;
        using (var stream = new FileStream(broken, FileMode.Open))
        {
            stream.SetLength(length - 100);
        }

        var (code, stdout, stderr) = await RunAsync("import", Data, "--campaign", "c", "--window", "120", "--data-folder", DataFolder);

        Assert.Equal(0, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"quake: skipped broken.mseed: byte {length - 512}: ", line, StringComparison.Ordinal);
        Assert.Matches(@"FAILED\s+broken\.mseed\s+byte \d+: ", stdout);
        Assert.Contains("2 files: 1 imported, 1 failed; 5 subjects created", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NothingReadable_ExitsNonZero()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(Path.Combine(Data, "notes.mseed"), "this is not seismic data");

        var (code, _, stderr) = await RunAsync("import", Data, "--campaign", "c", "--data-folder", DataFolder);

        Assert.Equal(1, code);
        Assert.Contains("quake: skipped notes.mseed: byte 0: not a MiniSEED 2, MiniSEED 3 or SAC file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadEventsCsv_IsOneLineNamingTheLine()
    {
        WriteStation("anmo.mseed", "IU.ANMO.00");
        var events = Path.Combine(_folder, "events.csv");
        await File.WriteAllTextAsync(events, "time,latitude,longitude,depth,magnitude\n2010-02-27T06:34:11Z,-36.1,-72.9,23,8.8\n2010-02-27T07:00:00Z,-95,-72.9,23,6\n");

        var (code, stdout, stderr) = await RunAsync("import", Data, "--campaign", "c", "--events", events, "--data-folder", DataFolder);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("quake: events.csv line 3: latitude '-95' is not between -90 and 90 (fix the file and run again)", stderr.Trim());
    }

    [Fact]
    public async Task Import_EventsAndStations_CutsOneWindowPerEvent()
    {
        WriteStation("anmo.mseed", "IU.ANMO.00", seconds: 3600);
        var events = Path.Combine(_folder, "events.csv");
        var stations = Path.Combine(_folder, "stations.csv");
        await File.WriteAllTextAsync(events, "time,latitude,longitude,depth,magnitude,id\n2010-02-27T06:40:00Z,34.9,-96.4,10,5.5,near\n2011-01-01T00:00:00Z,0,0,10,5,elsewhen\n");
        await File.WriteAllTextAsync(stations, "IU,ANMO,34.9459,-106.4572,1850\n");

        var (code, stdout, _) = await RunAsync("import", Data, "--campaign", "c", "--window", "600", "--events", events, "--stations", stations, "--data-folder", DataFolder);

        Assert.Equal(0, code);
        Assert.Contains("600 s windows from the surface-wave arrival (origin + distance / 4.5 km/s) of 2 event(s)", stdout, StringComparison.Ordinal);
        Assert.Contains("1 subject created", stdout, StringComparison.Ordinal);
        Assert.Contains("1 event/station pair(s) had their window outside the data", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--window", "-5", "The window length must be more than 0")]
    [InlineData("--min-coverage", "2", "The minimum coverage is a fraction from 0 to 1")]
    public async Task Import_BadOption_IsOneLineError(string option, string value, string message)
    {
        WriteStation("anmo.mseed", "IU.ANMO.00");

        var (code, _, stderr) = await RunAsync("import", Data, "--campaign", "c", option, value, "--data-folder", DataFolder);

        Assert.Equal(1, code);
        Assert.StartsWith("quake: " + message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Import_MissingPath_IsOneLineError()
    {
        var (code, _, stderr) = await RunAsync("import", Path.Combine(_folder, "nowhere"), "--campaign", "c", "--data-folder", DataFolder);

        Assert.Equal(1, code);
        Assert.Matches("^quake: '.*nowhere' does not exist: give a MiniSEED or SAC file or a folder of them.$", stderr.Trim());
    }

    [Fact]
    public async Task Import_WithoutCampaign_IsAParseError()
    {
        var (code, _, stderr) = await RunAsync("import", _folder);

        Assert.Equal(2, code);
        Assert.Contains("--campaign", stderr, StringComparison.Ordinal);
    }

    private string WriteStation(string relative, string station, double seconds = 600)
    {
        var path = Path.Combine(Data, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(relative.Length);
        Trace Make(string channel)
        {
            var samples = new double[(int)(seconds * 20)];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = Math.Round(500 * (random.NextDouble() - 0.5));
            }

            return new Trace(SeedId.Parse($"{station}.{channel}"), Start, 20, samples);
        }

        using var stream = File.Create(path);
        MiniSeedWriter.Write(stream, [Make("BHZ"), Make("BHN"), Make("BHE")]);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await QuakeCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
