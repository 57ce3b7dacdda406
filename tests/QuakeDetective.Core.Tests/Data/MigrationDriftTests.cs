using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Tests.Data;

/// <summary>Fails when the EF model changed but a provider's migrations were not added in the same commit.</summary>
public sealed class MigrationDriftTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = Create<QuakeDetective.Migrations.Sqlite.DesignTimeDbContextFactory>();

        Assert.Equal(DatabaseProviders.SqliteMigrationsAssembly, db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Assembly.GetName().Name);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes with no SQLite migration: run 'dotnet ef migrations add' for both providers (see README).");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = Create<QuakeDetective.Migrations.Postgres.DesignTimeDbContextFactory>();

        Assert.Equal(DatabaseProviders.PostgresMigrationsAssembly, db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Assembly.GetName().Name);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes with no PostgreSQL migration: run 'dotnet ef migrations add' for both providers (see README).");
    }

    private static QuakeDbContext Create<TFactory>()
        where TFactory : IDesignTimeDbContextFactory<QuakeDbContext>, new() => new TFactory().CreateDbContext([]);
}
