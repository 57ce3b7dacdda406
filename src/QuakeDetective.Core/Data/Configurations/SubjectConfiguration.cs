using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.Property(s => s.Station).HasMaxLength(64);
        builder.Property(s => s.Channels).HasMaxLength(64);
        builder.Property(s => s.WaveformPath).HasMaxLength(500);
        builder.Property(s => s.SourceFile).HasMaxLength(1000);
        builder.Property(s => s.ImportKey).HasMaxLength(200);
        builder.Property(s => s.EventId).HasMaxLength(100);
        builder.Property(s => s.TrueLabel).HasMaxLength(100);

        // Importing the same window twice must not create a second subject.
        builder.HasIndex(s => new { s.CampaignId, s.ImportKey }).IsUnique();

        // The "next subject" query: active subjects of a campaign, nearest retirement (most votes) first.
        builder.HasIndex(s => new { s.CampaignId, s.Status, s.VoteCount });
        builder.HasIndex(s => new { s.CampaignId, s.Status, s.Priority });
        builder.HasIndex(s => s.Station);
    }
}
