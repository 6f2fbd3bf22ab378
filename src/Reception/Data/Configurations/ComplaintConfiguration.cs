using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.ToTable("complaints");
        complaint.HasKey(c => c.Id);
        complaint.Property(c => c.ComplainantName).HasMaxLength(200);
        complaint.Property(c => c.ComplainantPhone).HasMaxLength(32);
        complaint.Property(c => c.Description).HasMaxLength(4000);
        complaint.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        complaint.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        complaint.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
        complaint.Property(c => c.Department).HasConversion<string>().HasMaxLength(32);
        complaint.Property(c => c.ResponsiblePerson).HasMaxLength(200);
        complaint.Property(c => c.ResolutionText).HasMaxLength(4000);
        complaint.Property(c => c.Version).IsRowVersion();
        complaint.OwnsOne(c => c.Resolution, clock =>
        {
            clock.Property(c => c.Policy).HasMaxLength(64);
            clock.HasIndex(c => c.NextCheckAt).HasFilter("resolution_next_check_at IS NOT NULL");
        });
        // Every step, in order, in a table of its own; steps are only ever added.
        complaint.OwnsMany(c => c.Steps, step =>
        {
            step.ToTable("complaint_steps");
            step.WithOwner().HasForeignKey("ComplaintId");
            step.HasKey("ComplaintId", nameof(ComplaintStep.Number));
            step.Property(s => s.Action).HasConversion<string>().HasMaxLength(32);
            step.Property(s => s.By).HasMaxLength(200);
            step.Property(s => s.ByName).HasMaxLength(200);
            step.Property(s => s.Note).HasMaxLength(4000);
        });
        complaint.Navigation(c => c.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The list (an estate's, newest first), the monthly summary, an owner's own, the request's.
        complaint.HasIndex(c => new { c.EstateId, c.RecordedAt, c.Id });
        complaint.HasIndex(c => new { c.UnitId, c.RecordedAt });
        complaint.HasIndex(c => c.RequestId).IsUnique();
        // The desk's working list: an estate's complaints still to be resolved, soonest deadline first.
        complaint.HasIndex(c => new { c.EstateId, c.DeadlineAt, c.Id }).HasFilter("status IN ('Recorded', 'Classified', 'Assigned')");
    }
}
