using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class ConsensusResultConfiguration : IEntityTypeConfiguration<ConsensusResult>
{
    public void Configure(EntityTypeBuilder<ConsensusResult> builder)
    {
        builder.Property(c => c.Method).HasMaxLength(32);
        builder.Property(c => c.Label).HasMaxLength(100);
        builder.HasIndex(c => new { c.SubjectId, c.Method }).IsUnique();
        builder.HasOne(c => c.Subject).WithMany().HasForeignKey(c => c.SubjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
