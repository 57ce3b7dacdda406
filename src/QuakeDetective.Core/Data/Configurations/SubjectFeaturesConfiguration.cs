using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class SubjectFeaturesConfiguration : IEntityTypeConfiguration<SubjectFeatures>
{
    public void Configure(EntityTypeBuilder<SubjectFeatures> builder)
    {
        builder.Property(f => f.FeatureVersion).HasMaxLength(100);
        builder.HasIndex(f => new { f.SubjectId, f.FeatureVersion }).IsUnique();
        builder.HasOne<Subject>().WithMany().HasForeignKey(f => f.SubjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
