using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class ViolationFollowUpConfiguration : IEntityTypeConfiguration<ViolationFollowUp>
{
    public void Configure(EntityTypeBuilder<ViolationFollowUp> followUp)
    {
        followUp.ToTable("violation_follow_ups");
        followUp.HasKey(f => f.Id);
        // Assigned by the violation: a new step found through the navigation is an insert.
        followUp.Property(f => f.Id).ValueGeneratedNever();
        followUp.Property(f => f.Step).HasConversion<string>().HasMaxLength(32);
        followUp.Property(f => f.By).HasMaxLength(200);
        followUp.Property(f => f.Note).HasMaxLength(4000);
        followUp.HasIndex(f => new { f.ViolationId, f.At });
    }
}
