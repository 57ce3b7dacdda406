using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Data.Configurations;

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.AnswerChoices);
        builder.ComplexProperty(c => c.Retirement, r => r.Property(x => x.EarlyConsensusRules).HasMaxLength(500));
        builder.ComplexProperty(c => c.Audio);
        builder.ComplexProperty(c => c.Plot);
        builder.ComplexProperty(c => c.Queue);
        builder.ComplexProperty(c => c.Import, i => i.Property(x => x.PreprocessingJson).HasMaxLength(2000));
        builder.Property(c => c.PrimaryConsensusMethod).HasMaxLength(32);
        builder.HasMany(c => c.Subjects).WithOne(s => s.Campaign).HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
