using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Storage;
using QuakeDetective.Learning.Registry;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>Half-written export and model files: those of a killed process are removed, the one a live writer holds is not.</summary>
public sealed class AbandonedTemporaryFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "quake-partials-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void Exports_DeleteAbandonedPartials_RemovesUnlockedPartialsOnly()
    {
        var abandoned = Path.Combine(_folder, $".7-votes.csv.{Guid.NewGuid():N}.partial");
        var live = Path.Combine(_folder, $".8-votes.csv.{Guid.NewGuid():N}.partial");
        var finished = Path.Combine(_folder, "6-votes.csv");
        File.WriteAllText(abandoned, "classification_id,user_na");
        File.WriteAllText(finished, "classification_id\n1\n");
        using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        writer.Write("classification_id"u8);
        var exports = new ExportService(null!, null!, TimeProvider.System, NullLogger<ExportService>.Instance);

        exports.DeleteAbandonedPartials(_folder);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(finished));
    }

    [Fact]
    public void Models_DeleteAbandonedTemporaryFiles_RemovesUnlockedTemporaryFilesOnly()
    {
        var dataFolder = new DataFolder(_folder);
        var campaign = Directory.CreateDirectory(Path.Combine(dataFolder.ModelsFolder, "c1")).FullName;
        var model = Path.Combine(campaign, "model-20260101-000000-abcdef12.zip");
        var abandoned = model + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var live = Path.Combine(campaign, "model-20260101-000001-12abcdef.zip." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(model, "PK");
        File.WriteAllText(abandoned, "PK");
        using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var registry = new ModelRegistry(null!, dataFolder, TimeProvider.System, NullLogger<ModelRegistry>.Instance);

        registry.DeleteAbandonedTemporaryFiles();

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(model));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
