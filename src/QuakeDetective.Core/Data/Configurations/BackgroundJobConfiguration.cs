using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> builder)
    {
        builder.Property(j => j.Kind).HasMaxLength(32);
        builder.Property(j => j.Stage).HasMaxLength(100);
        builder.Property(j => j.Message).HasMaxLength(8000);
        builder.Property(j => j.ResultPath).HasMaxLength(1000);
        builder.Property(j => j.RequestedByUserId).HasMaxLength(450);
        builder.Property(j => j.Owner).HasMaxLength(200);
        builder.HasIndex(j => new { j.Kind, j.Status });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(j => j.CampaignId).OnDelete(DeleteBehavior.SetNull);
    }
}
