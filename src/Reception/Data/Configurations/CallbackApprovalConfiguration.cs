using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class CallbackApprovalConfiguration : IEntityTypeConfiguration<CallbackApproval>
{
    public void Configure(EntityTypeBuilder<CallbackApproval> approval)
    {
        approval.ToTable("callback_approvals");
        approval.HasKey(a => a.Id);
        approval.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        approval.Property(a => a.ApprovedBy).HasMaxLength(200);
        approval.Property(a => a.ApproverName).HasMaxLength(200);
        approval.Property(a => a.Note).HasMaxLength(2000);
        approval.Property(a => a.Version).IsRowVersion();
        approval.OwnsOne(a => a.Due, due =>
        {
            due.Property(c => c.Policy).HasMaxLength(64);
            due.HasIndex(c => c.NextCheckAt).HasFilter("due_next_check_at IS NOT NULL");
        });
        // One review per estate and week, however often (or on however many replicas) the scheduler runs.
        approval.HasIndex(a => new { a.EstateId, a.WeekStart }).IsUnique();
        // The manager's list, newest week first.
        approval.HasIndex(a => new { a.EstateId, a.CreatedAt, a.Id });
    }
}
