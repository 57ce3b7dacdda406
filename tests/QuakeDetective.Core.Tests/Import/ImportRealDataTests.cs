using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Import;
using QuakeDetective.Core.Storage;
using QuakeDetective.Tests;

namespace QuakeDetective.Core.Tests.Import;

public sealed class ImportRealDataTests
{
    [SkippableFact]
    public async Task Import_RealMiniSeedWithATruncatedFile_ImportsTheGoodOnesAndNamesTheBadByte()
    {
        var shared = SharedData.Require("seismic/mseed");
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        foreach (var name in new[] { "dataselect_example.mseed", "2005-07-23-1452-04S.CER___030.mseed", "brokenlastrecord.mseed" })
        {
            File.Copy(Path.Combine(shared, name), Path.Combine(files.Folder, name));
        }

        var result = await database.Get<ImportService>().ImportAsync(new ImportRequest { CampaignName = "real", Paths = [files.Folder], WindowSeconds = 60 });

        var broken = result.Files.Single(f => f.Path == "brokenlastrecord.mseed");
        Assert.Equal(ImportFileStatus.Failed, broken.Status);
        Assert.Equal(4096, broken.ErrorByteOffset);
        Assert.StartsWith("brokenlastrecord.mseed: byte 4096: ", broken.FirstProblem, StringComparison.Ordinal);
        Assert.Equal(10, result.Files.Single(f => f.Path == "dataselect_example.mseed").SubjectCount); // 600 s of IU.ANMO.00.BHZ
        Assert.Equal(1, result.Files.Single(f => f.Path.StartsWith("2005", StringComparison.Ordinal)).SubjectCount); // 71 s of .CER.00.BH[ZNE]
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var cer = await db.Subjects.SingleAsync(s => s.Station == ".CER.00");
        Assert.Equal("BHZ,BHN,BHE", cer.Channels);
        var stored = database.Get<WaveformStore>().Load(cer.WaveformPath);
        Assert.Equal([9000, 9000, 9000], stored.Select(t => t.Count));
        Assert.Equal(new DateTime(2005, 7, 23, 14, 52, 4, DateTimeKind.Utc), stored[0].StartUtc);

        var again = await database.Get<ImportService>().ImportAsync(new ImportRequest { CampaignName = "real", Paths = [files.Folder], WindowSeconds = 60 });

        Assert.Equal(0, again.SubjectsCreated);
        Assert.Equal(11, await db.Subjects.CountAsync());
    }
}
