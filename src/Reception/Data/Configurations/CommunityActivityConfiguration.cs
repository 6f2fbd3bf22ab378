using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class CommunityActivityConfiguration : IEntityTypeConfiguration<CommunityActivity>
{
    public void Configure(EntityTypeBuilder<CommunityActivity> activity)
    {
        activity.ToTable("community_activities");
        activity.HasKey(a => a.Id);
        activity.Property(a => a.Title).HasMaxLength(200);
        activity.Property(a => a.Description).HasMaxLength(4000);
        activity.Property(a => a.Place).HasMaxLength(200);
        activity.Property(a => a.Budget).HasPrecision(19, 4);
        activity.Property(a => a.ActualCost).HasPrecision(19, 4);
        activity.Property(a => a.Currency).HasMaxLength(3).IsFixedLength();
        activity.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        activity.Property(a => a.Summary).HasMaxLength(4000);
        activity.Property(a => a.PlannedBy).HasMaxLength(200);
        activity.Property(a => a.Version).IsRowVersion();
        // The estate's activities, latest first, and the archive by status.
        activity.HasIndex(a => new { a.EstateId, a.StartsAt, a.Id });
        activity.HasIndex(a => new { a.EstateId, a.Status, a.StartsAt, a.Id });
    }
}

internal sealed class ActivitySignUpConfiguration : IEntityTypeConfiguration<ActivitySignUp>
{
    public void Configure(EntityTypeBuilder<ActivitySignUp> signUp)
    {
        signUp.ToTable("activity_sign_ups");
        signUp.HasKey(s => s.Id);
        signUp.Property(s => s.Participant).HasMaxLength(200);
        signUp.Property(s => s.Comment).HasMaxLength(2000);
        signUp.HasOne<CommunityActivity>().WithMany().HasForeignKey(s => s.ActivityId);
        signUp.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId);
        // One place per participant and unit; the activity's list of places.
        signUp.HasIndex(s => new { s.ActivityId, s.UnitId, s.Participant }).IsUnique();
        signUp.HasIndex(s => new { s.ActivityId, s.SignedUpAt, s.Id });
    }
}
