using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> builder)
    {
        builder.Property(t => t.Stage).HasMaxLength(100);
        builder.Property(t => t.Message).HasMaxLength(4000);
        builder.Property(t => t.RequestedByUserId).HasMaxLength(450);
        builder.Property(t => t.Owner).HasMaxLength(200);
        builder.HasIndex(t => new { t.Status, t.CampaignId });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(t => t.ModelVersionId).OnDelete(DeleteBehavior.SetNull);
    }
}
