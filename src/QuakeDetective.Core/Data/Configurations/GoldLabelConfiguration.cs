using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class GoldLabelConfiguration : IEntityTypeConfiguration<GoldLabel>
{
    public void Configure(EntityTypeBuilder<GoldLabel> builder)
    {
        builder.Property(g => g.Label).HasMaxLength(100);
        builder.Property(g => g.Explanation).HasMaxLength(2000);
        builder.Property(g => g.ExpertUserId).HasMaxLength(450);
        builder.HasIndex(g => g.SubjectId).IsUnique();
        builder.HasOne(g => g.Subject).WithMany().HasForeignKey(g => g.SubjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
