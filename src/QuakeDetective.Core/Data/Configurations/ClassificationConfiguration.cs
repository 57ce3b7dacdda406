using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class ClassificationConfiguration : IEntityTypeConfiguration<Classification>
{
    public void Configure(EntityTypeBuilder<Classification> builder)
    {
        builder.Property(c => c.Answer).HasMaxLength(100);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(100);

        // At most one counted vote per volunteer and subject, enforced by the database.
        builder.HasIndex(c => new { c.SubjectId, c.VolunteerId }).IsUnique();

        // The same client key from the same volunteer is the same vote (retries, double clicks).
        builder.HasIndex(c => new { c.VolunteerId, c.IdempotencyKey }).IsUnique();

        // "What has this volunteer already seen" for the queue, and votes per day for the results pages.
        builder.HasIndex(c => new { c.VolunteerId, c.SubjectId });
        builder.HasIndex(c => c.FinishedAt);

        builder.HasOne(c => c.Subject).WithMany().HasForeignKey(c => c.SubjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Volunteer).WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}
