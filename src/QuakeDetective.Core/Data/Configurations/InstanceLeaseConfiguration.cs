using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class InstanceLeaseConfiguration : IEntityTypeConfiguration<InstanceLease>
{
    public void Configure(EntityTypeBuilder<InstanceLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Owner).HasMaxLength(200);
    }
}
