using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class ArrearsCaseConfiguration : IEntityTypeConfiguration<ArrearsCase>
{
    public void Configure(EntityTypeBuilder<ArrearsCase> arrears)
    {
        arrears.ToTable("arrears_cases");
        arrears.HasKey(c => c.Id);
        arrears.Property(c => c.Step).HasConversion<string>().HasMaxLength(16);
        arrears.Ignore(c => c.NextStep);
        arrears.Ignore(c => c.CurrentReason);
        arrears.HasMany(c => c.Actions).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        arrears.HasMany(c => c.Reasons).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        // One open case per unit: two staff starting the ladder at once make one case, not two.
        arrears.HasIndex(c => c.UnitId).IsUnique().HasFilter("closed_at IS NULL");
        arrears.HasIndex(c => new { c.EstateId, c.OpenedAt });
    }
}

internal sealed class DunningActionConfiguration : IEntityTypeConfiguration<DunningAction>
{
    public void Configure(EntityTypeBuilder<DunningAction> action)
    {
        action.ToTable("dunning_actions");
        action.HasKey(a => a.Id);
        action.Property(a => a.Id).ValueGeneratedNever();
        action.Property(a => a.Step).HasConversion<string>().HasMaxLength(16);
        action.Property(a => a.Channel).HasMaxLength(16);
        action.Property(a => a.OverdueAmount).HasPrecision(18, 4);
        action.Property(a => a.Currency).HasMaxLength(3);
        action.Property(a => a.Note).HasMaxLength(2000);
        action.Property(a => a.RecordedBy).HasMaxLength(200);
        action.Property(a => a.Outcome).HasMaxLength(32);
        // Each step once per case, even when two requests race past the in-memory check.
        action.HasIndex(a => new { a.CaseId, a.Step }).IsUnique();
    }
}

internal sealed class ArrearsReasonEntryConfiguration : IEntityTypeConfiguration<ArrearsReasonEntry>
{
    public void Configure(EntityTypeBuilder<ArrearsReasonEntry> reason)
    {
        reason.ToTable("arrears_reasons");
        reason.HasKey(r => r.Id);
        reason.Property(r => r.Id).ValueGeneratedNever();
        reason.Property(r => r.Reason).HasConversion<string>().HasMaxLength(16);
        reason.Property(r => r.Note).HasMaxLength(2000);
        reason.Property(r => r.Source).HasMaxLength(32);
        reason.Property(r => r.RecordedBy).HasMaxLength(200);
        reason.HasIndex(r => r.CaseId);
    }
}
