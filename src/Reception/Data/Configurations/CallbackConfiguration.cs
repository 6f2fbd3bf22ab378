using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> callback)
    {
        callback.ToTable("callbacks");
        callback.HasKey(c => c.Id);
        callback.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
        callback.Property(c => c.Selection).HasConversion<string>().HasMaxLength(32);
        callback.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        callback.Property(c => c.TechnicianName).HasMaxLength(200);
        callback.Property(c => c.CalledBy).HasMaxLength(200);
        callback.Property(c => c.Shortcomings).HasMaxLength(2000);
        callback.Property(c => c.Suggestions).HasMaxLength(2000);
        callback.Property(c => c.Version).IsRowVersion();
        callback.OwnsOne(c => c.Due, due =>
        {
            due.Property(c => c.Policy).HasMaxLength(64);
            due.HasIndex(c => c.NextCheckAt).HasFilter("due_next_check_at IS NOT NULL");
        });
        // The desk's list (an estate's, newest first) and the monthly report (an estate's, by creation and by call).
        callback.HasIndex(c => new { c.EstateId, c.CreatedAt, c.Id });
        callback.HasIndex(c => new { c.EstateId, c.Status, c.CreatedAt });
        callback.HasIndex(c => new { c.EstateId, c.CalledAt });
        callback.HasIndex(c => c.RequestId);
    }
}
