using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Import;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Tests.Import;

public sealed class ImportServiceTests
{
    private static ImportRequest Request(string path, double window = 120, string campaign = "test") =>
        new() { CampaignName = campaign, Paths = [path], WindowSeconds = window };

    [Fact]
    public async Task Import_ThreeComponentFile_CreatesPreprocessedSubjectsInOneCampaign()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("day/anmo.mseed", ImportFiles.ThreeComponents());

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder));

        Assert.True(result.CampaignCreated);
        Assert.Equal(5, result.SubjectsCreated);
        var file = Assert.Single(result.Files);
        Assert.Equal(("day/anmo.mseed", ImportFileStatus.Imported, 5), (file.Path, file.Status, file.SubjectCount));
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var campaign = await db.Campaigns.SingleAsync();
        Assert.Equal(120, campaign.Import.WindowSeconds);
        var subjects = await db.Subjects.OrderBy(s => s.WindowStart).ToListAsync();
        Assert.Equal(5, subjects.Count);
        Assert.All(subjects, s => Assert.Equal(("IU.ANMO.00", "BHZ,BHN,BHE", 20.0, "day/anmo.mseed"), (s.Station, s.Channels, s.SampleRate, s.SourceFile)));
        Assert.Equal(new DateTime(2010, 2, 27, 6, 32, 0, DateTimeKind.Utc), subjects[1].WindowStart);
        Assert.Equal(TimeSpan.FromSeconds(120), subjects[1].WindowEnd - subjects[1].WindowStart);
        Assert.Equal(5, (await db.ImportedFiles.SingleAsync()).SubjectCount);

        // The stored window is standard MiniSEED: 3 traces of 2400 processed samples (demeaned, tapered).
        var stored = database.Get<WaveformStore>().Load(subjects[0].WaveformPath);
        Assert.Equal(["BHZ", "BHN", "BHE"], stored.Select(t => t.Id.Channel));
        Assert.All(stored, t => Assert.Equal(2400, t.Count));
        Assert.InRange(Math.Abs(stored[0].Samples.Average()), 0, 1.0);
        Assert.Equal(0, stored[0].Samples[0], 3);
    }

    [Fact]
    public async Task Import_SameFolderTwice_AddsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("a.mseed", ImportFiles.ThreeComponents());
        files.Write("b.mseed", ImportFiles.ThreeComponents("IU.TUC.00"));
        var service = database.Get<ImportService>();
        var first = await service.ImportAsync(Request(files.Folder));

        var second = await service.ImportAsync(Request(files.Folder));

        Assert.Equal(10, first.SubjectsCreated);
        Assert.Equal(0, second.SubjectsCreated);
        Assert.All(second.Files, f => Assert.Equal(ImportFileStatus.AlreadyImported, f.Status));
        Assert.Contains("imported into this campaign before", second.Files[0].FirstProblem, StringComparison.Ordinal);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(10, await db.Subjects.CountAsync());
        Assert.Equal(2, await db.ImportedFiles.CountAsync());
    }

    [Fact]
    public async Task Import_SameContentUnderAnotherName_AddsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        var path = files.Write("a.mseed", ImportFiles.ThreeComponents());
        File.Copy(path, Path.Combine(files.Folder, "copy-of-a.mseed"));

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder));

        Assert.Equal(5, result.SubjectsCreated);
        Assert.Equal(ImportFileStatus.AlreadyImported, result.Files.Single(f => f.Path == "copy-of-a.mseed").Status);
        Assert.Contains("same content as a.mseed", result.Files.Single(f => f.Path == "copy-of-a.mseed").FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CorruptFileAmongGoodOnes_IsReportedWithByteOffsetAndSkipped()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("good.mseed", ImportFiles.ThreeComponents());
        var (_, badOffset) = files.WriteTruncated("broken.mseed", ImportFiles.ThreeComponents("IU.TUC.00"));

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder));

        var broken = result.Files.Single(f => f.Path == "broken.mseed");
        Assert.Equal(ImportFileStatus.Failed, broken.Status);
        Assert.Equal(badOffset, broken.ErrorByteOffset);
        Assert.StartsWith($"broken.mseed: byte {badOffset}: ", broken.FirstProblem, StringComparison.Ordinal);
        Assert.Equal(ImportFileStatus.Imported, result.Files.Single(f => f.Path == "good.mseed").Status);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(["IU.ANMO.00"], await db.Subjects.Select(s => s.Station).Distinct().ToListAsync());
        Assert.Equal(1, await db.ImportedFiles.CountAsync());
    }

    [Fact]
    public async Task Import_PartialFilesAllowed_KeepsTheReadableRecordsAndWarns()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        var (_, badOffset) = files.WriteTruncated("broken.mseed", ImportFiles.ThreeComponents("IU.TUC.00"));

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder) with { AcceptPartialFiles = true });

        var broken = Assert.Single(result.Files);
        Assert.Equal(ImportFileStatus.Imported, broken.Status);
        Assert.Contains($"byte {badOffset}", broken.FirstProblem, StringComparison.Ordinal);
        Assert.True(result.SubjectsCreated >= 4);
    }

    [Fact]
    public async Task Import_ChannelsInSeparateFiles_BecomeOneThreeComponentSubject()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        var traces = ImportFiles.ThreeComponents(seconds: 240);
        files.Write("IU.ANMO.00.BHZ.D.2010.058", traces[0]);
        files.Write("IU.ANMO.00.BHN.D.2010.058", traces[1]);
        files.Write("IU.ANMO.00.BHE.D.2010.058", traces[2]);

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder));

        Assert.Equal(2, result.SubjectsCreated);
        Assert.All(result.Files, f => Assert.Equal((ImportFileStatus.Imported, 2), (f.Status, f.SubjectCount)));
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var subject = await db.Subjects.FirstAsync();
        Assert.Equal("BHZ,BHN,BHE", subject.Channels);
        Assert.Equal(3, subject.SourceFile.Split(", ").Length);
        Assert.Equal(3, await db.ImportedFiles.CountAsync());
    }

    [Fact]
    public async Task Import_FailureAfterWaveformsWereWritten_StoresNoSubjectsAndCanBeRepeated()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("a.mseed", ImportFiles.ThreeComponents());
        var service = database.Get<ImportService>();
        var written = new List<string>();
        service.AfterWaveformsWritten = (subjects, _) =>
        {
            written.AddRange(subjects.Select(s => new DataFolder(database.Folder).WaveformFile(s.WaveformPath)));
            Assert.All(written, path => Assert.True(File.Exists(path)));
            throw new IOException("power cut");
        };

        var failed = await service.ImportAsync(Request(files.Folder));

        var file = Assert.Single(failed.Files);
        Assert.Equal(ImportFileStatus.Failed, file.Status);
        Assert.Contains("power cut", file.FirstProblem, StringComparison.Ordinal);
        Assert.Equal(5, written.Count);
        Assert.All(written, path => Assert.False(File.Exists(path), $"{path} should have been removed"));
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Subjects.CountAsync());
            Assert.Equal(0, await db.ImportedFiles.CountAsync());
        }

        service.AfterWaveformsWritten = null;
        var again = await service.ImportAsync(Request(files.Folder));

        Assert.Equal(5, again.SubjectsCreated);
        Assert.All(written, path => Assert.True(File.Exists(path)));
    }

    [Fact]
    public async Task Import_GapInTheData_SkipsThatWindowWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        var before = ImportFiles.Noise("IU.ANMO.00.BHZ", 150);
        var after = ImportFiles.Noise("IU.ANMO.00.BHZ", 300, start: ImportFiles.T0 + 300_000_000_000L);
        files.Write("gappy.mseed", before, after);

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder));

        // Windows at 0, 120, 240, 360, 480 s: the one at 120 s has 30 s of data (25 %), the one at 240 s has 60 s (50 %).
        Assert.Equal(3, result.SubjectsCreated);
        Assert.Equal(2, result.SkippedWindowCount);
        Assert.Contains(result.SkippedWindows, w => w.Reason.Contains("only 25 % of the window has BHZ data", StringComparison.Ordinal));
        Assert.Contains(result.SkippedWindows, w => w.Reason.Contains("only 50 % of the window has BHZ data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_EventsCsvAndStations_CutsWindowsAtTheSurfaceWaveArrival()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("anmo.mseed", ImportFiles.ThreeComponents(seconds: 3600));
        var origin = ImportFiles.T0 + 600_000_000_000L;
        var quake = new SeismicEvent("ev-1", origin, 34.9459, -96.4572, 10, 5.5); // 10 degrees of longitude east of ANMO
        var station = new StationCoordinates("IU", "ANMO", 34.9459, -106.4572);

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder, window: 600) with { Events = [quake], Stations = [station] });

        Assert.Equal(1, result.SubjectsCreated);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var subject = await db.Subjects.SingleAsync();
        var distance = GreatCircle.DistanceKm(34.9459, -96.4572, 34.9459, -106.4572);
        Assert.Equal(("ev-1", 5.5), (subject.EventId, subject.EventMagnitude!.Value));
        Assert.Equal(distance, subject.EventDistanceKm!.Value, 2);
        Assert.Equal((34.9459, -106.4572), (subject.StationLatitude!.Value, subject.StationLongitude!.Value));
        var expectedStart = Seismic.SeismicTime.ToDateTime(origin).AddSeconds(distance / 4.5);
        Assert.InRange((subject.WindowStart - expectedStart).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(25));
        Assert.Equal(Seismic.SeismicTime.ToDateTime(origin), subject.EventOriginTime);
    }

    [Fact]
    public async Task Import_EventsWithoutStationCoordinates_ExplainWhatIsMissing()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("anmo.mseed", ImportFiles.ThreeComponents(seconds: 3600));
        var quake = new SeismicEvent("ev-1", ImportFiles.T0, 0, 0, 10, 5.5);

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder) with { Events = [quake] });

        var file = Assert.Single(result.Files);
        Assert.Equal(ImportFileStatus.NoSubjects, file.Status);
        Assert.Contains("no coordinates for station IU.ANMO", file.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DataTooSlowForTheSoundBand_IsNotImportedAndSaysWhy()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("cola.mseed", ImportFiles.ThreeComponents("IU.COLA.00", seconds: 3600, rate: 1, prefix: "LH"));

        var result = await database.Get<ImportService>().ImportAsync(Request(files.Folder, window: 600));

        var file = Assert.Single(result.Files);
        Assert.Equal(ImportFileStatus.NoSubjects, file.Status);
        Assert.Contains("sampled at 1 Hz, too slowly for the campaign's 2–8 Hz sound band", file.FirstProblem, StringComparison.Ordinal);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.ImportedFiles.CountAsync()); // not recorded: it can be imported once the band is lowered
    }

    [Fact]
    public async Task Import_Cancelled_KeepsCommittedFilesAndReportsTheRestNotStarted()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("a.mseed", ImportFiles.ThreeComponents("IU.AAA.00"));
        files.Write("b.mseed", ImportFiles.ThreeComponents("IU.BBB.00"));
        using var cts = new CancellationTokenSource();
        var service = database.Get<ImportService>();
        var units = 0;
        service.AfterWaveformsWritten = async (_, _) =>
        {
            if (++units == 2)
            {
                await cts.CancelAsync();
            }
        };

        var result = await service.ImportAsync(Request(files.Folder), null, cts.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(ImportFileStatus.Imported, result.Files.Single(f => f.Path == "a.mseed").Status);
        Assert.Equal(ImportFileStatus.NotStarted, result.Files.Single(f => f.Path == "b.mseed").Status);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(["IU.AAA.00"], await db.Subjects.Select(s => s.Station).Distinct().ToListAsync());
        Assert.Equal(5, Directory.GetFiles(new DataFolder(database.Folder).WaveformsFolder, "*.mseed", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Import_Progress_IsReportedUpToTheEnd()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("a.mseed", ImportFiles.ThreeComponents());
        var reports = new List<ImportProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });

        await database.Get<ImportService>().ImportAsync(Request(files.Folder), progress);

        Assert.Contains(reports, r => r.Stage == "reading files");
        Assert.Contains(reports, r => r.Stage == "cutting windows");
        var last = reports[^1];
        Assert.Equal(("done", 1, 1, 5, 1.0), (last.Stage, last.FilesDone, last.FilesTotal, last.SubjectsCreated, last.Fraction));
    }

    [Fact]
    public async Task Import_UnknownCampaignWithoutCreation_IsARequestError()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("a.mseed", ImportFiles.ThreeComponents());

        var error = await Assert.ThrowsAsync<ImportRequestException>(() =>
            database.Get<ImportService>().ImportAsync(Request(files.Folder) with { CreateCampaignIfMissing = false }));

        Assert.Equal("There is no campaign 'test'.", error.Message);
    }

    [Fact]
    public async Task Import_MissingPath_IsARequestError()
    {
        await using var database = await TestDatabase.CreateAsync();

        var error = await Assert.ThrowsAsync<ImportRequestException>(() => database.Get<ImportService>().ImportAsync(Request("/no/such/folder")));

        Assert.Contains("'/no/such/folder' does not exist", error.Message, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
