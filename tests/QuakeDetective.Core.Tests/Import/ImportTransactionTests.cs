using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Import;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Tests.Import;

public sealed class ImportTransactionTests
{
    [Fact]
    public async Task Import_DatabaseFailsAfterWritingSubjectsBeforeCommit_KeepsNothingOfThatFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        files.Write("a.mseed", ImportFiles.ThreeComponents("IU.AAA.00"));
        files.Write("b.mseed", ImportFiles.ThreeComponents("IU.BBB.00"));
        var databaseOptions = database.Get<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var dataFolder = database.Get<DataFolder>();

        // The second file's SaveChanges runs every INSERT, then fails before the import commits its transaction.
        var failing = new FailAfterSave(failOnSave: 2);
        var service = new ImportService(new InterceptedFactory(databaseOptions, dataFolder, failing), database.Get<WaveformStore>(), TimeProvider.System, NullLogger<ImportService>.Instance);

        var result = await service.ImportAsync(new ImportRequest { CampaignName = "test", Paths = [files.Folder], WindowSeconds = 120 });

        Assert.Equal(2, failing.Saves);
        Assert.Equal(ImportFileStatus.Imported, result.Files.Single(f => f.Path == "a.mseed").Status);
        var b = result.Files.Single(f => f.Path == "b.mseed");
        Assert.Equal(ImportFileStatus.Failed, b.Status);
        Assert.Contains("disk on fire", b.FirstProblem, StringComparison.Ordinal);
        await using var check = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(["IU.AAA.00"], await check.Subjects.Select(s => s.Station).Distinct().ToListAsync());
        Assert.Equal(["a.mseed"], (await check.ImportedFiles.Select(f => f.Path).ToListAsync()).Select(Path.GetFileName));
    }

    /// <summary>Throws after the Nth SaveChanges that stores ImportedFile rows has executed its commands.</summary>
    private sealed class FailAfterSave(int failOnSave) : SaveChangesInterceptor
    {
        public int Saves { get; private set; }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<ImportedFile>().Any() && ++Saves == failOnSave)
            {
                throw new IOException("disk on fire");
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The test database's provider (SQLite or PostgreSQL) with the failure interceptor added.</summary>
    private sealed class InterceptedFactory(DatabaseOptions database, DataFolder dataFolder, IInterceptor interceptor) : IDbContextFactory<QuakeDbContext>
    {
        public QuakeDbContext CreateDbContext()
        {
            var builder = new DbContextOptionsBuilder<QuakeDbContext>();
            QuakeDetective.Core.DependencyInjection.ConfigureProvider(builder, database, dataFolder);
            return new QuakeDbContext(builder.AddInterceptors(interceptor).Options);
        }
    }
}
