using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PureHDF;
using PureHDF.Selections;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Storage;
using QuakeDetective.Core.Tests.Classifications;
using QuakeDetective.Seismic;
using E = QuakeDetective.Core.Domain.DefaultAnswers;

namespace QuakeDetective.Core.Tests.Exports;

/// <summary>Every export format written from a real database and read back (CSV and JSON parsed, HDF5 opened with PureHDF).</summary>
public sealed class ExportServiceTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private ConsensusScenario _scenario = default!;
    private string _folder = default!;
    private long _scientist;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();

        // A campaign name a spreadsheet would run, and answers that need quoting.
        _scenario = await ConsensusScenario.CreateAsync(_database, subjects: 4, configure: c => c.Name = "=HYPERLINK(\"x\")");
        var v = await _scenario.VolunteersAsync(3);
        _scientist = await _scenario.AccountVolunteerAsync(Roles.Scientist);
        var s = _scenario.Subjects;
        await _scenario.VoteAsync(v[0], s[0], E.Earthquake);
        await _scenario.VoteAsync(v[1], s[0], E.Earthquake);
        await _scenario.VoteAsync(v[2], s[0], E.Noise);
        await _scenario.VoteAsync(v[0], s[1], E.NoneOfTheAbove);
        await _scenario.VoteAsync(_scientist, s[1], E.Tremor);
        await _scenario.GoldAsync(s[2], E.Tremor);
        await using (var db = await _database.DbFactory.CreateDbContextAsync())
        {
            var model = new ModelVersion { Name = "model-7", FilePath = "m.zip", CampaignId = _scenario.CampaignId, IsCurrent = true };
            db.ModelVersions.Add(model);
            await db.SaveChangesAsync();
            db.Predictions.Add(new Prediction { SubjectId = s[0], ModelVersionId = model.Id, Label = E.Earthquake, Probability = 0.875 });
            await db.SaveChangesAsync();
        }

        _folder = Path.Combine(_database.Folder, "out");
        Directory.CreateDirectory(_folder);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ExportService Exports => _database.Get<ExportService>();

    private static List<IReadOnlyList<string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        var records = new CsvRecordReader(reader);
        var rows = new List<IReadOnlyList<string>>();
        while (records.TryRead(out var record))
        {
            Assert.True(record.IsValid, record.Error);
            rows.Add(record.Fields);
        }

        return rows;
    }

    [Fact]
    public async Task ConsensusCsv_HasOneRowPerSubjectWithEveryColumnAndEscapesFormulas()
    {
        var path = Path.Combine(_folder, "consensus.csv");

        var summary = await Exports.WriteToPathAsync(new ExportRequest(_scenario.CampaignId, ExportFormat.ConsensusCsv), path, null, CancellationToken.None);

        var rows = ReadCsv(path);
        var header = rows[0];
        Assert.Equal(4, summary.Rows);
        Assert.Equal(5, rows.Count);
        Assert.Equal([.. ConsensusCsvExport.ColumnsBefore, "votes_earthquake", "votes_tremor", "votes_noise", "votes_none_of_the_above", .. ConsensusCsvExport.ColumnsAfter], header);
        var first = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => rows[1][x.i]);
        Assert.Equal(_scenario.Subjects[0].ToString(), first["subject_id"]);
        Assert.Equal("XX.S00.00.BHZ", first["seed_ids"]);
        Assert.Equal("2010-02-27T07:00:00.000000Z", first["window_start"]);
        Assert.Equal("'=HYPERLINK(\"x\")", first["campaign"]);
        Assert.Equal((E.Earthquake, "0.666667", "3", "2", "1"), (first["label"], first["confidence"], first["votes"], first["votes_earthquake"], first["votes_noise"]));
        Assert.Equal(("majority", "false", "active"), (first["method"], first["tie"], first["status"]));
        Assert.Equal(("Earthquake", "0.875", "model-7"), (first["ml_label"], first["ml_probability"], first["ml_model_version"]));
        var second = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => rows[2][x.i]);
        Assert.Equal(("1", "0"), (second["votes"], second["votes_tremor"])); // the scientist's Tremor is an expert vote
        var gold = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => rows[3][x.i]);
        Assert.Equal(("", E.Tremor, "0"), (gold["label"], gold["gold_label"], gold["votes"]));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.partial")); // written to a temporary name, then moved
    }

    [Fact]
    public async Task ConsensusJson_ParsesBackWithTheSameValues()
    {
        using var stream = new MemoryStream();

        var rows = await Exports.WriteToStreamAsync(new ExportRequest(_scenario.CampaignId, ExportFormat.ConsensusJson, AggregationMethods.Weighted), stream, null, CancellationToken.None);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(4, rows);
        Assert.Equal("weighted", root.GetProperty("method").GetString());
        Assert.Equal(E.All, root.GetProperty("campaign").GetProperty("answers").EnumerateArray().Select(a => a.GetString()));
        var subjects = root.GetProperty("subjects").EnumerateArray().ToList();
        Assert.Equal(4, subjects.Count);
        Assert.Equal(2, subjects[0].GetProperty("votesPerAnswer").GetProperty(E.Earthquake).GetInt32());
        Assert.Equal(["XX.S00.00.BHZ"], subjects[0].GetProperty("seedIds").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(JsonValueKind.Null, subjects[3].GetProperty("label").ValueKind);
        Assert.Equal("model-7", subjects[0].GetProperty("mlModelVersion").GetString());
    }

    [Fact]
    public async Task VotesCsv_IsZooniverseLayoutWithPseudonymsStablePerExportOnly()
    {
        var first = Path.Combine(_folder, "votes1.csv");
        var second = Path.Combine(_folder, "votes2.csv");

        await Exports.WriteToPathAsync(new ExportRequest(_scenario.CampaignId, ExportFormat.VotesCsv), first, null, CancellationToken.None);
        await Exports.WriteToPathAsync(new ExportRequest(_scenario.CampaignId, ExportFormat.VotesCsv), second, null, CancellationToken.None);

        var rows = ReadCsv(first);
        Assert.Equal(VotesCsvExport.Columns, rows[0]);
        Assert.Equal(6, rows.Count);
        var col = rows[0].Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var votes = rows.Skip(1).ToList();

        // The same volunteer has the same name within one export, another one in the next.
        var v0 = votes[0][col["user_name"]];
        Assert.Equal(v0, votes[3][col["user_name"]]);
        Assert.StartsWith("not-logged-in-", v0, StringComparison.Ordinal);
        Assert.NotEqual(v0, ReadCsv(second)[1][col["user_name"]]);

        var expertRow = votes.Single(r => r[col["expert"]] == "true");
        Assert.StartsWith("volunteer-", expertRow[col["user_name"]], StringComparison.Ordinal);
        Assert.Equal("1", expertRow[col["user_id"]]);
        Assert.DoesNotContain(votes.SelectMany(r => r), f => f.Contains("@example.org", StringComparison.Ordinal));
        Assert.All(votes, r => Assert.Equal("", r[col["user_ip"]]));

        var annotation = JsonDocument.Parse(votes[0][col["annotations"]]).RootElement[0];
        Assert.Equal(("T0", E.Earthquake), (annotation.GetProperty("task").GetString(), annotation.GetProperty("value").GetString()));
        var subjectData = JsonDocument.Parse(votes[0][col["subject_data"]]).RootElement;
        Assert.Equal(JsonValueKind.Null, subjectData.GetProperty(_scenario.Subjects[0].ToString()).GetProperty("retired").ValueKind);
        var metadata = JsonDocument.Parse(votes[0][col["metadata"]]).RootElement;
        Assert.EndsWith("Z", metadata.GetProperty("finished_at").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", votes[0][col["created_at"]]);
        Assert.Equal(("1.0", _scenario.Subjects[0].ToString()), (votes[0][col["workflow_version"]], votes[0][col["subject_ids"]]));
    }

    [Fact]
    public async Task SeisBench_ReadsBackWithPureHdfAsTraceBlocksWithMetadata()
    {
        var s = _scenario.Subjects;
        var store = _database.Get<WaveformStore>();
        var start = new DateTime(2010, 2, 27, 7, 0, 0, DateTimeKind.Utc);
        Trace Make(string channel, double offset) =>
            new(new SeedId("XX", "S00", "00", channel), SeismicTime.FromDateTime(start), 40, Enumerable.Range(0, 24_000).Select(i => offset + (i % 100)).ToArray());
        var threeComponent = store.Save("test", "a", [Make("BHZ", 1), Make("BHN", 2000), Make("BHE", 4000)]);
        var verticalOnly = store.Save("test", "b", [Make("BHZ", 7)]);
        await using (var db = await _database.DbFactory.CreateDbContextAsync())
        {
            await db.Subjects.Where(x => x.Id == s[0]).ExecuteUpdateAsync(u => u.SetProperty(x => x.WaveformPath, threeComponent).SetProperty(x => x.Channels, "BHZ,BHN,BHE"));
            await db.Subjects.Where(x => x.Id == s[2]).ExecuteUpdateAsync(u => u.SetProperty(x => x.WaveformPath, verticalOnly));
        }

        var folder = Path.Combine(_folder, "dataset");

        // s1 is labelled (by its one vote) but its waveform file is missing: left out, counted.
        var summary = await Exports.WriteToPathAsync(new ExportRequest(_scenario.CampaignId, ExportFormat.SeisBench), folder, null, CancellationToken.None);

        Assert.Equal((2, 1), (summary.Rows, summary.Skipped));
        var metadata = ReadCsv(Path.Combine(folder, "metadata.csv"));
        var col = metadata[0].Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        Assert.Equal(3, metadata.Count);
        var a = metadata[1];
        var b = metadata[2];
        Assert.Equal(("bucket0$0,:3,:24000", "ZNE", "BH", "XX", "S00", "40"), (a[col["trace_name"]], a[col["trace_component_order"]], a[col["trace_channel"]], a[col["station_network_code"]], a[col["station_code"]], a[col["trace_sampling_rate_hz"]]));
        Assert.Equal(("bucket0$2,:1,:24000", "Z", E.Tremor, "gold"), (b[col["trace_name"]], b[col["trace_component_order"]], b[col["label"]], b[col["label_method"]]));
        Assert.Equal("2010-02-27T07:00:00.000000Z", a[col["trace_start_time"]]);

        using var file = H5File.OpenRead(Path.Combine(folder, "waveforms.hdf5"));
        var format = file.Group("data_format");
        Assert.Equal("CW", format.Dataset("dimension_order").Read<string>());
        Assert.Equal("ZNE", format.Dataset("component_order").Read<string>());
        Assert.Equal(40.0, format.Dataset("sampling_rate").Read<double>());
        var bucket = file.Dataset("data/bucket0");
        Assert.Equal([3UL, 3UL, 24_000UL], bucket.Space.Dimensions);
        var first = bucket.Read<float[]>(fileSelection: new HyperslabSelection(rank: 3, starts: [0, 0, 0], blocks: [1, 3, 24_000]));
        Assert.Equal((1f, 2000f, 4000f + 99), (first[0], first[24_000], first[(2 * 24_000) + 99]));
        var vertical = bucket.Read<float[]>(fileSelection: new HyperslabSelection(rank: 3, starts: [2, 0, 0], blocks: [1, 3, 24_000]));
        Assert.Equal((7f, 0f), (vertical[0], vertical[24_000])); // missing horizontals stay zero
    }

    [Fact]
    public async Task SeisBench_IntoAFolderWithOtherFiles_IsRefused()
    {
        var folder = Path.Combine(_folder, "busy");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Exports.WriteToPathAsync(new ExportRequest(_scenario.CampaignId, ExportFormat.SeisBench), folder, null, CancellationToken.None));

        Assert.Contains("other files", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public async Task ExportJob_WritesTheFileForDownloadAndReportsDone()
    {
        var jobs = _database.Get<ExportJobs>();
        var jobId = await jobs.EnqueueAsync(_scenario.CampaignId, ExportFormat.ConsensusCsv, null, "user-1", CancellationToken.None);

        await jobs.RunAsync(jobId!.Value, CancellationToken.None);

        var download = await jobs.DownloadAsync(jobId.Value, CancellationToken.None);
        Assert.NotNull(download);
        Assert.EndsWith(".csv", download.FileName, StringComparison.Ordinal);
        Assert.Equal(5, ReadCsv(download.FullPath).Count);
        await using var db = await _database.DbFactory.CreateDbContextAsync();
        var job = await db.BackgroundJobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal((BackgroundJobStatus.Succeeded, 100.0), (job.Status, job.Percent));
    }
}
