using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.FilePath).HasMaxLength(500);
        builder.Property(m => m.Trainer).HasMaxLength(100);
        builder.Property(m => m.FeatureVersion).HasMaxLength(100);
        builder.HasIndex(m => new { m.CampaignId, m.IsCurrent });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.SetNull);
    }
}
