using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class ImportedFileConfiguration : IEntityTypeConfiguration<ImportedFile>
{
    public void Configure(EntityTypeBuilder<ImportedFile> builder)
    {
        builder.Property(f => f.Path).HasMaxLength(2000);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.HasIndex(f => new { f.CampaignId, f.Sha256 }).IsUnique();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(f => f.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
