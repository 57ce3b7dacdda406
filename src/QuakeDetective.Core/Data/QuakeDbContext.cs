using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data;

/// <summary>The platform's database: Identity, campaigns, subjects, votes, consensus and the ML side.</summary>
public class QuakeDbContext(DbContextOptions<QuakeDbContext> options)
    : IdentityDbContext<QuakeUser>(options), IDataProtectionKeyContext
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<Subject> Subjects => Set<Subject>();

    public DbSet<Volunteer> Volunteers => Set<Volunteer>();

    public DbSet<Classification> Classifications => Set<Classification>();

    public DbSet<GoldLabel> GoldLabels => Set<GoldLabel>();

    public DbSet<ConsensusResult> ConsensusResults => Set<ConsensusResult>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();

    public DbSet<Prediction> Predictions => Set<Prediction>();

    public DbSet<ImportedFile> ImportedFiles => Set<ImportedFile>();

    public DbSet<BackgroundJob> BackgroundJobs => Set<BackgroundJob>();

    public DbSet<SubjectFeatures> SubjectFeatures => Set<SubjectFeatures>();

    public DbSet<InstanceLease> InstanceLeases => Set<InstanceLease>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QuakeDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite forgets the kind, PostgreSQL's timestamptz insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
