using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Core.Exports;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>Half-written export files: those of a killed process are removed, the one a live export writes is not.</summary>
public sealed class AbandonedExportFileTests
{
    [Fact]
    public void DeleteAbandonedPartials_RemovesUnlockedPartialsOnly()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "quake-partials-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var abandoned = Path.Combine(folder, $".7-votes.csv.{Guid.NewGuid():N}.partial");
            var live = Path.Combine(folder, $".8-votes.csv.{Guid.NewGuid():N}.partial");
            var finished = Path.Combine(folder, "6-votes.csv");
            File.WriteAllText(abandoned, "classification_id,user_na");
            File.WriteAllText(finished, "classification_id\n1\n");
            using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            writer.Write("classification_id"u8);
            var exports = new ExportService(null!, null!, TimeProvider.System, NullLogger<ExportService>.Instance);

            exports.DeleteAbandonedPartials(folder);

            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(live));
            Assert.True(File.Exists(finished));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
