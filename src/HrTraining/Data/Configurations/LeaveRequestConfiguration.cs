using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
{
    public void Configure(EntityTypeBuilder<LeaveRequest> leave)
    {
        leave.ToTable("leave_requests");
        leave.HasKey(l => l.Id);
        leave.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        leave.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        leave.Property(l => l.Reason).HasMaxLength(500);
        leave.Property(l => l.DecidedBy).HasMaxLength(200);
        leave.Property(l => l.DecisionNote).HasMaxLength(500);
        leave.Property(l => l.Version).IsRowVersion();
        leave.HasOne<StaffMember>().WithMany().HasForeignKey(l => l.StaffId).OnDelete(DeleteBehavior.Restrict);
        leave.HasIndex(l => new { l.StaffId, l.From });
        leave.HasIndex(l => new { l.EstateId, l.RequestedAt, l.Id });
    }
}
