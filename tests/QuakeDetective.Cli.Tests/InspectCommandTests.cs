using System.Text.Json;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Tests;

namespace QuakeDetective.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("quake-inspect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Inspect_WrittenMiniSeed_PrintsSegmentWithStatisticsAndSamples()
    {
        var path = WriteMiniSeed("one.mseed", new Trace(new SeedId("XX", "STA", "00", "HHZ"), Start, 100, [5, -3, 8, 1, 0, 2, 9]));

        var (code, stdout, stderr) = await RunAsync("inspect", path, "--samples", "2");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("XX.STA.00.HHZ  2024-05-01T10:20:30.123456Z  2024-05-01T10:20:30.183456Z  100 Hz  7 samples", stdout, StringComparison.Ordinal);
        Assert.Contains("min -3  max 9  sum 22", stdout, StringComparison.Ordinal);
        Assert.Contains("first: 5 -3", stdout, StringComparison.Ordinal);
        Assert.Contains("last:  2 9", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_Json_WritesCamelCaseSegmentFields()
    {
        var path = WriteMiniSeed("two.mseed",
            new Trace(new SeedId("XX", "STA", "", "BHN"), Start, 20, [1, 2, 3, 4, 5, 6]),
            new Trace(new SeedId("XX", "STA", "", "BHZ"), Start, 20, [10, 20, 30]));

        var (code, stdout, _) = await RunAsync("inspect", path, "--json", "--samples", "3");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var segments = doc.RootElement.GetProperty("segments");
        Assert.Equal(2, segments.GetArrayLength());
        var n = segments[0];
        Assert.Equal("XX.STA..BHN", n.GetProperty("id").GetString());
        Assert.Equal("2024-05-01T10:20:30.123456Z", n.GetProperty("start").GetString());
        Assert.Equal("2024-05-01T10:20:30.373456Z", n.GetProperty("end").GetString());
        Assert.Equal(20, n.GetProperty("sampleRate").GetDouble());
        Assert.Equal(6, n.GetProperty("count").GetInt32());
        Assert.Equal(1, n.GetProperty("min").GetDouble());
        Assert.Equal(6, n.GetProperty("max").GetDouble());
        Assert.Equal(21, n.GetProperty("sum").GetDouble());
        Assert.Equal([1.0, 2, 3], n.GetProperty("first").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([4.0, 5, 6], n.GetProperty("last").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(0, doc.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Inspect_TwoFilesJson_WritesOneObjectPerLine()
    {
        var a = WriteMiniSeed("a.mseed", new Trace(new SeedId("XX", "A", "", "BHZ"), Start, 1, [1]));
        var b = WriteMiniSeed("b.mseed", new Trace(new SeedId("XX", "B", "", "BHZ"), Start, 1, [2]));

        var (code, stdout, _) = await RunAsync("inspect", a, b, "--json");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(b, JsonDocument.Parse(lines[1]).RootElement.GetProperty("file").GetString());
    }

    [Fact]
    public async Task Inspect_MissingFile_FailsWithOneLine()
    {
        var (code, stdout, stderr) = await RunAsync("inspect", Path.Combine(_folder, "nope.mseed"));

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"quake: {Path.Combine(_folder, "nope.mseed")}: no such file", stderr.TrimEnd());
    }

    [Fact]
    public async Task Inspect_NotAWaveformFile_FailsWithFileOffsetAndReason()
    {
        var path = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(path, "these are field notes, not a seismogram, and long enough to be checked for headers.");

        var (code, _, stderr) = await RunAsync("inspect", path);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("quake: notes.txt: byte 0: not a MiniSEED 2, MiniSEED 3 or SAC file", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_NegativeSamples_FailsWithOneLine()
    {
        var path = WriteMiniSeed("one.mseed", new Trace(new SeedId("XX", "STA", "", "HHZ"), Start, 1, [1]));

        var (code, _, stderr) = await RunAsync("inspect", path, "--samples", "-1");

        Assert.Equal(1, code);
        Assert.Equal("quake: --samples must be 0 or more, not -1", stderr.TrimEnd());
    }

    [Fact]
    public async Task Inspect_GapBetweenRecords_ListsGap()
    {
        var id = new SeedId("XX", "STA", "", "HHZ");
        var path = WriteMiniSeed("gap.mseed", new Trace(id, Start, 1, [1, 2]), new Trace(id, Start + 10_000_000_000, 1, [3]));

        var (code, stdout, _) = await RunAsync("inspect", path);

        Assert.Equal(0, code);
        Assert.Contains("2 segments", stdout, StringComparison.Ordinal);
        Assert.Contains("gap XX.STA..HHZ  2024-05-01T10:20:31.123456Z -> 2024-05-01T10:20:40.123456Z  (9 s)", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Inspect_TruncatedSharedFile_PrintsGoodSegmentAndError()
    {
        var path = SharedData.Require("seismic/mseed/brokenlastrecord.mseed");

        var (code, stdout, _) = await RunAsync("inspect", path, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(5980, doc.RootElement.GetProperty("segments")[0].GetProperty("count").GetInt32());
        Assert.Equal(4096, doc.RootElement.GetProperty("errors")[0].GetProperty("byteOffset").GetInt64());
    }

    [SkippableFact]
    public async Task Inspect_SharedTestMseed_PrintsDocumentedValues()
    {
        var path = SharedData.Require("seismic/mseed/test.mseed");

        var (code, stdout, _) = await RunAsync("inspect", path);

        Assert.Equal(0, code);
        Assert.Contains("NL.HGN.00.BHZ  2003-05-29T02:13:22.043400Z  2003-05-29T02:18:20.693400Z  40 Hz  11947 samples", stdout, StringComparison.Ordinal);
        Assert.Contains("first: 2787 2776 2774 2780 2783", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2787.0, "2787")]
    [InlineData(-866584896.0, "-866584896")]
    [InlineData(6.109208106994629, "6.109208")]
    [InlineData(6.109208, "6.109208")]
    [InlineData(0.1, "0.1")]
    public void Number_PrintsShortestFormForItsPrecision(double value, string text) =>
        Assert.Equal(text, Commands.InspectFormatter.Number(value));

    [Fact]
    public async Task Inspect_Help_DescribesOptions()
    {
        var (code, stdout, _) = await RunAsync("inspect", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--json", stdout, StringComparison.Ordinal);
        Assert.Contains("--samples", stdout, StringComparison.Ordinal);
    }

    private static readonly long Start = SeismicTime.FromDateTime(new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc)) + 123_456_000;

    private string WriteMiniSeed(string name, params Trace[] traces)
    {
        var path = Path.Combine(_folder, name);
        using var stream = File.Create(path);
        MiniSeedWriter.Write(stream, traces);
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
