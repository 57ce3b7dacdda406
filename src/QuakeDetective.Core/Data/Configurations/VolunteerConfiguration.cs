using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> builder)
    {
        builder.Property(v => v.UserId).HasMaxLength(450);
        builder.Property(v => v.Pseudonym).HasMaxLength(64);
        builder.HasIndex(v => v.UserId).IsUnique();
        builder.HasIndex(v => v.AnonymousId).IsUnique();
        builder.HasIndex(v => v.Pseudonym).IsUnique();
        builder.HasOne<QuakeUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
